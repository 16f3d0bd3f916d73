// The events a conformance driver records (History::events): the contract between the
// drivers (conformance/drivers/) and the checkers (conformance/checks/). Times are
// microseconds: "...Virtual" on the platform's clock, "...Wall" on the machine's. Every
// event also carries its own wallMicros and virtualMicros (when it happened).
//
// Common to every profile
//   integration_started   {}                              the command was (re)started
//   integration_stopped   {reason: "restart"|"end", exitCode?, signal?}  the harness stopped it
//   integration_exited    {exitCode?, signal?}            it ended on its own, before "end"
//   fault_installed       {id, status, pathPrefix, count?, fromVirtual?, untilVirtual?,
//                          kind: "transient"|"outage"|"refusal"}
//   token_expired         {}                              every token of the integration expired
//   outage                {fromVirtual, untilVirtual, fromWall, untilWall}  every request of
//                          the integration answered 503 in between
//   pass_end              {}                              the driver's last act; nothing after
//                                                          it is judged
//
// supplier-customer-care
//   conversation_opened   {dscoConversationId, dscoMessageId, consumerId, dscoOrderId,
//                          answerByVirtual}               the consumer's message, as the retailer
//   conversation_closed_by_partner {dscoConversationId}  the retailer closed it before the
//                          integration answered (it then owes no answer)
//   final_conversations   {conversations: [{conversation: <as the API shows it>,
//                          messages: [<Message>...]}]}   the platform's state at pass_end
//
// supplier-orders
//   order_created         {dscoOrderId, poNumber, acknowledgeByVirtual, shipByVirtual,
//                          invoiceByVirtual, cancelAfterVirtual,
//                          lines: [{lineNumber, sku, quantity}]}
//   cancel_requested      {dscoOrderId, poNumber, answerByVirtual}
//   final_orders          {orders: [<Order as the retailer sees it>]}
//   final_invoices        {invoices: [<Invoice>]}
//
// retailer-inventory-stream
//   stream_created        {streamId, partitions}         created for the integration
//   inventory_updated     {skus: [...], count}           the suppliers changed inventory
//   partitions_changed    {streamId, from, to}           numPartitions raised (or lowered)
//   repartitioned         {streamId, active: [partitionId...]}
//   sync_started          {streamId, operationUuid}
//   final_stream          {stream: <Stream as listStreams shows it>,
//                          partitions: [{partitionId, position, maxPosition, active,
//                                        eventIds: [...]}]}
#ifndef DSCOSIM_CONFORMANCE_EVENTS_H_
#define DSCOSIM_CONFORMANCE_EVENTS_H_

namespace dscosim::conformance::events {

inline constexpr char kIntegrationStarted[] = "integration_started";
inline constexpr char kIntegrationStopped[] = "integration_stopped";
inline constexpr char kIntegrationExited[] = "integration_exited";
inline constexpr char kFaultInstalled[] = "fault_installed";
inline constexpr char kTokenExpired[] = "token_expired";
inline constexpr char kOutage[] = "outage";
inline constexpr char kPassEnd[] = "pass_end";
inline constexpr char kConversationOpened[] = "conversation_opened";
inline constexpr char kConversationClosedByPartner[] = "conversation_closed_by_partner";
inline constexpr char kFinalConversations[] = "final_conversations";
inline constexpr char kOrderCreated[] = "order_created";
inline constexpr char kCancelRequested[] = "cancel_requested";
inline constexpr char kFinalOrders[] = "final_orders";
inline constexpr char kFinalInvoices[] = "final_invoices";
inline constexpr char kStreamCreated[] = "stream_created";
inline constexpr char kInventoryUpdated[] = "inventory_updated";
inline constexpr char kPartitionsChanged[] = "partitions_changed";
inline constexpr char kRepartitioned[] = "repartitioned";
inline constexpr char kSyncStarted[] = "sync_started";
inline constexpr char kFinalStream[] = "final_stream";

}  // namespace dscosim::conformance::events

#endif  // DSCOSIM_CONFORMANCE_EVENTS_H_
