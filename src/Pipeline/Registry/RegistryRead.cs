using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Registry;

/// <summary>A <c>poq.registry</c> record as the follower read it: the change it applied, or why it was refused.</summary>
/// <param name="Record">The record.</param>
/// <param name="Change">The change applied to the registry; null when refused.</param>
/// <param name="Rejection">Why the record was refused (dead-lettered); null when applied.</param>
public sealed record RegistryRead(KafkaRecord Record, RegistryChange? Change, Rejection? Rejection);
