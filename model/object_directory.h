// A directory of the commerce objects a conversation context may name: orders (with
// their lines), items, invoices, returns and contracts, each between one retailer and
// one supplier. It resolves contexts (ContextResolver) against what was registered.
//
// This is the world's object index until the commerce stores exist; they will register
// their objects here (or implement ContextResolver themselves). Registration order is
// creation order: when identifiers match several orders (a split order), the first
// registered wins.
#ifndef DSCOSIM_MODEL_OBJECT_DIRECTORY_H_
#define DSCOSIM_MODEL_OBJECT_DIRECTORY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/context_resolver.h"

namespace dscosim {

struct DirectoryItem {
  std::string supplier_id;
  ItemIdentifiers ids;  // ids.dsco_item_id is required; partner_sku unused here
  // A retailer's own sku for the item (partnerSku), by retailer account id.
  std::map<std::string, std::string> partner_sku_by_retailer;
};

struct DirectoryOrderLine {
  std::int64_t line_number = 0;
  std::optional<std::int64_t> consumer_line_number;
  ItemIdentifiers item;  // as ordered; partner_sku is the retailer's sku
};

struct DirectoryOrder {
  std::string dsco_order_id;
  std::string retailer_id, supplier_id;
  std::optional<std::string> po_number, supplier_order_number, consumer_order_number;
  std::vector<DirectoryOrderLine> lines;
};

struct DirectoryInvoice {
  std::string dsco_invoice_id;
  std::string invoice_id;
  std::string retailer_id, supplier_id;
  std::optional<std::string> po_number, supplier_order_number, consumer_order_number;
};

struct DirectoryReturn {
  std::string dsco_return_id;
  std::string retailer_id, supplier_id;
  std::optional<std::string> retailer_return_number, supplier_return_number;
  std::optional<std::string> dsco_order_id, po_number;
};

struct DirectoryContract {
  std::string dsco_contract_id;
  std::string retailer_id, supplier_id;
};

class ObjectDirectory : public ContextResolver {
 public:
  void AddItem(DirectoryItem item) { items_.push_back(std::move(item)); }
  void AddOrder(DirectoryOrder order) { orders_.push_back(std::move(order)); }
  void AddInvoice(DirectoryInvoice invoice) { invoices_.push_back(std::move(invoice)); }
  void AddReturn(DirectoryReturn ret) { returns_.push_back(std::move(ret)); }
  void AddContract(DirectoryContract contract) { contracts_.push_back(std::move(contract)); }

  const std::vector<DirectoryOrder>& orders() const { return orders_; }
  const std::vector<DirectoryItem>& items() const { return items_; }

  Result<ConversationContext> Resolve(const ConversationContext& context,
                                      const ContextParties& parties) const override;

 private:
  Result<ConversationContext> ResolveOrder(ConversationContext context,
                                           const ContextParties& parties) const;
  Result<ConversationContext> ResolveItem(ConversationContext context,
                                          const ContextParties& parties) const;

  std::vector<DirectoryItem> items_;
  std::vector<DirectoryOrder> orders_;
  std::vector<DirectoryInvoice> invoices_;
  std::vector<DirectoryReturn> returns_;
  std::vector<DirectoryContract> contracts_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_OBJECT_DIRECTORY_H_
