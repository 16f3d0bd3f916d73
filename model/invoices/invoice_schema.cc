#include "dscosim/model/invoices/invoice_schema.h"

#include <string>
#include <utility>

#include "dscosim/model/core/field_rules.h"

namespace dscosim {
namespace {

using T = FieldType;

// The spec's enums.
constexpr std::string_view kJurisdictionQualifiers[] = {
    "Customer defined", "Taxing Authority Code", "State or Province", "State Defined",
    "Vendor defined", "Vertex"};
constexpr std::string_view kExemptCodes[] = {
    "No (Not Tax Exempt)", "Exempt (For Resale)", "Not Exempt/For Resale",
    "Exempt (Not For Resale)", "Not Exempt, Not For Resale", "Direct Pay ID",
    "Exempt (Sale to U.S. Government)", "Exempt (Per State Law)", "Labor Taxable, Material Exempt",
    "Material Taxable, Labor Exempt", "Not Taxable", "Disabled", "Exempt Toll Service",
    "Exempt (Goods and Services Tax)", "Exempt (Provincial Sales Tax)", "Homestead", "Agriculture",
    "Working Farm", "Open Space", "Exempt Local Service", "Disabled Veteran", "Non-Homestead",
    "Over 65", "Exempt from School Property Tax", "Exempt from Local Property Tax",
    "Recurring Exempt", "Exempt from County Property Tax", "Totally Exempt", "Usage Exempt",
    "Exempt from State Property Tax", "Other Property Tax Exemption", "Exempt - Letter on file"};
constexpr std::string_view kUnitCodes[] = {
    "CA", "EA", "GR", "IG", "PK", "PR", "PL", "SF", "FT2", "DZ", "DZN", "ST", "SET"};
constexpr std::string_view kWeightUnits[] = {"lb", "oz", "g", "kg"};
constexpr std::string_view kTransportationCodes[] = {
    "A", "E", "H", "J", "LT", "M", "O", "P", "R", "S", "T", "ZZ"};
constexpr std::string_view kReferenceQualifiers[] = {"2I", "BM", "CN", "MB", "OC"};
// Capitalised in the schema, lower case in real payloads (facts §11): either is accepted.
constexpr std::string_view kOrderTypes[] = {"Dropship", "Marketplace", "Wholesale", "Mixed"};
constexpr std::string_view kAddressTypes[] = {"Residential", "Commercial"};

constexpr FieldRule kHeaderRules[] = {
    {.key = "invoiceId", .required = true},
    {.key = "poNumber", .non_empty = true},
    {.key = "supplierOrderNumber", .non_empty = true},
    {.key = "invoiceDate", .type = T::kDateTime},
    {.key = "currencyCode"},
    {.key = "totalAmount", .type = T::kNumber, .required = true},
    {.key = "lineItemsSubtotal", .type = T::kNumber},
    {.key = "subtotalExcludingLineItems", .type = T::kNumber},
    {.key = "numberOfLineItems", .type = T::kInteger, .minimum = 0.0},
    {.key = "handlingAmount", .type = T::kNumber},
    {.key = "freightAmount", .type = T::kNumber},
    {.key = "salesTaxAmount", .type = T::kNumber},
    {.key = "buyerId"},
    {.key = "sellerId"},
    {.key = "sellerInvoiceNumber"},
    {.key = "consumerOrderNumber"},
    {.key = "externalBatchId"},
    {.key = "expectedOrderTotalAmount", .type = T::kNumber},
    {.key = "expectedOrderTotalDifference", .type = T::kNumber},
    {.key = "charges", .type = T::kArray},
    {.key = "terms", .type = T::kObject},
    {.key = "ship", .type = T::kObject},
    {.key = "credits", .type = T::kArray},
    {.key = "taxes", .type = T::kArray},
    {.key = "lineItems", .type = T::kArray},
    {.key = "dscoTradingPartnerName"},
    {.key = "dscoTradingPartnerParentId"},
    {.key = "originId", .type = T::kInteger},
    {.key = "flsaComplianceFlag", .type = T::kBool},
    {.key = "orderType", .allowed = kOrderTypes, .ignore_case = true},
    {.key = "amountOfSalesTaxCollected", .type = T::kNumber},
    {.key = "taxableAmountOfSale", .type = T::kNumber},
};

constexpr FieldRule kChargeRules[] = {
    {.key = "title", .required = true},
    {.key = "amount", .type = T::kNumber, .required = true},
};

constexpr FieldRule kCreditRules[] = {
    {.key = "amount", .type = T::kNumber},
    {.key = "title"},
};

constexpr FieldRule kTaxRules[] = {
    {.key = "amount", .type = T::kNumber, .required = true},
    {.key = "description", .required = true, .max_length = 20},
    {.key = "jurisdictionQualifier", .allowed = kJurisdictionQualifiers},
    {.key = "jurisdiction"},
    {.key = "exemptCode", .allowed = kExemptCodes},
    {.key = "percentage", .type = T::kNumber},
    {.key = "registrationNumber", .max_length = 20},
    {.key = "typeCode", .max_length = 10},
};

constexpr FieldRule kTermsRules[] = {
    {.key = "type"},
    {.key = "basisDate", .type = T::kDateTime},
    {.key = "discountPercent", .type = T::kNumber},
    {.key = "discountDueDate", .type = T::kDateTime},
    {.key = "discountDaysDue", .type = T::kInteger},
    {.key = "netDueDate", .type = T::kDateTime},
    {.key = "netDays", .type = T::kInteger},
    {.key = "discountAmount", .type = T::kNumber},
    {.key = "dayOfMonth", .type = T::kInteger},
    {.key = "totalAmountSubjectToDiscount", .type = T::kNumber},
};

constexpr FieldRule kAddressRules[] = {
    {.key = "country", .required = true},
    {.key = "postal", .required = true},
    {.key = "city", .required = true},
    {.key = "firstName"},
    {.key = "lastName"},
    {.key = "company"},
    {.key = "address1"},
    {.key = "address2"},
    {.key = "region"},
    {.key = "locationCode"},
    {.key = "attention"},
    {.key = "email"},
    {.key = "phone"},
    {.key = "storeNumber"},
    {.key = "name"},
    {.key = "customerNumber"},
    {.key = "address", .type = T::kStringArray},
    {.key = "addressType", .allowed = kAddressTypes},
    {.key = "taxExemptNumber"},
    {.key = "taxRegistrationNumber"},
};

constexpr FieldRule kShipRules[] = {
    {.key = "numberOfUnitsShipped", .type = T::kInteger, .minimum = 0.0},
    {.key = "unitOfMeasure"},
    {.key = "unitOfMeasurementCode", .allowed = kUnitCodes},
    {.key = "weight", .type = T::kNumber},
    {.key = "weightUnits", .allowed = kWeightUnits},
    {.key = "date", .type = T::kDateTime},
    {.key = "trackingNumber"},
    {.key = "carrier"},
    {.key = "method"},
    {.key = "serviceLevelCode"},
    {.key = "transportationMethodCode", .allowed = kTransportationCodes},
    {.key = "referenceNumberQualifier", .allowed = kReferenceQualifiers},
    {.key = "warehouseCode"},
    {.key = "warehouseRetailerCode"},
    {.key = "warehouseDscoId"},
    {.key = "ssccBarcode"},
    {.key = "carrierManifestId"},
    {.key = "storeNumber"},
};

constexpr FieldRule kLineRules[] = {
    {.key = "quantity", .type = T::kInteger, .required = true, .minimum = 1.0},
    {.key = "unitPrice", .type = T::kNumber, .required = true},
    {.key = "title"},
    {.key = "titleI18n", .type = T::kStringMap},
    {.key = "basisOfUnitPrice"},
    {.key = "unitOfMeasure"},
    {.key = "extendedAmount", .type = T::kNumber},
    {.key = "handlingAmount", .type = T::kNumber},
    {.key = "shipDate", .type = T::kDateTime},
    {.key = "trackingNumber"},
    {.key = "shipAmount", .type = T::kNumber},
    {.key = "shipCarrier"},
    {.key = "shipMethod"},
    {.key = "shippingServiceLevelCode"},
    {.key = "promotionReference"},
    {.key = "promotionAmount", .type = T::kNumber},
    {.key = "taxAmount", .type = T::kNumber},
    {.key = "subtotal", .type = T::kNumber},
    {.key = "dscoPackageId", .type = T::kInteger},
    {.key = "shipWeight", .type = T::kNumber},
    {.key = "shipWeightUnits", .allowed = kWeightUnits},
    {.key = "warehouseCode"},
    {.key = "warehouseRetailerCode"},
    {.key = "warehouseDscoId"},
    {.key = "ssccBarcode"},
    {.key = "msrp", .type = T::kNumber},
    {.key = "shipReferenceNumberQualifier", .allowed = kReferenceQualifiers},
    {.key = "shipTransportationMethodCode", .allowed = kTransportationCodes},
    {.key = "shipUnitOfMeasure"},
    {.key = "shipUnitOfMeasurementCode", .allowed = kUnitCodes},
    {.key = "carrierManifestId"},
    {.key = "storeNumber"},
    {.key = "serialNumbers", .type = T::kStringArray},
    {.key = "carbCertifierId"},
    {.key = "carbFormaldehydeComplianceCode"},
    {.key = "amountOfSalesTaxCollected", .type = T::kNumber},
    {.key = "taxableAmountOfSale", .type = T::kNumber},
    {.key = "taxes", .type = T::kArray},
};

constexpr std::string_view kAddresses[] = {"shipFrom", "shipTo", "buyer", "remitTo", "seller"};

// Each element of the array field `key` (if present) must pass `rules`.
Status CheckEach(const Json& object, std::string_view key, std::string_view path,
                 std::span<const FieldRule> rules) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return Status::Ok();
  std::size_t i = 0;
  for (const Json& element : *it) {
    DSCOSIM_RETURN_IF_ERROR(CheckFields(element, IndexPath(JoinPath(path, key), i++), rules));
  }
  return Status::Ok();
}

// "At least one attribute must be provided for this to be a valid object."
Status CheckNonEmptyObject(const Json& body, std::string_view key,
                           std::span<const FieldRule> rules) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (it->empty()) return InvalidArgument(std::string(key), "must have at least one attribute");
  return CheckFields(*it, key, rules);
}

}  // namespace

Result<std::vector<LineRef>> CheckInvoiceShape(const Json& body,
                                               const InvoiceShapeOptions& options) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckJsonUtf8(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckFields(body, "", kHeaderRules));
  DSCOSIM_RETURN_IF_ERROR(CheckEach(body, "charges", "", kChargeRules));
  DSCOSIM_RETURN_IF_ERROR(CheckEach(body, "credits", "", kCreditRules));
  DSCOSIM_RETURN_IF_ERROR(CheckEach(body, "taxes", "", kTaxRules));
  DSCOSIM_RETURN_IF_ERROR(CheckNonEmptyObject(body, "terms", kTermsRules));
  DSCOSIM_RETURN_IF_ERROR(CheckNonEmptyObject(body, "ship", kShipRules));
  for (const std::string_view key : kAddresses) {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) continue;
    DSCOSIM_RETURN_IF_ERROR(CheckFields(*it, key, kAddressRules));
    if (options.require_street_address) {
      const auto given = [&](const char* field) {
        const auto f = it->find(field);
        if (f == it->end()) return false;
        return f->is_string() ? !f->get_ref<const std::string&>().empty()
                              : f->is_array() && !f->empty();
      };
      const bool street = given("address1") || given("address");
      if (!street) {
        return InvalidArgument(JoinPath(key, "address1"),
                               "an invoice address needs address1 or address");
      }
    }
  }
  std::vector<LineRef> refs;
  const auto lines = body.find("lineItems");
  if (lines == body.end() || lines->is_null()) return refs;
  for (const Json& line : *lines) {
    const std::string path = IndexPath("lineItems", refs.size());
    DSCOSIM_RETURN_IF_ERROR(CheckFields(line, path, kLineRules));
    DSCOSIM_RETURN_IF_ERROR(CheckEach(line, "taxes", path, kTaxRules));
    DSCOSIM_ASSIGN_OR_RETURN(LineRef ref, ReadLineRef(line, path, DscoItemIdSpelling::kDscoItemId));
    refs.push_back(std::move(ref));
  }
  return refs;
}

}  // namespace dscosim
