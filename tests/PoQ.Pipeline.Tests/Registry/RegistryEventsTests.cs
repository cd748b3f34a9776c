using PoQ.Ingest.Identity.Registry;
using PoQ.Projections.Registry;

namespace PoQ.Pipeline.Tests.Registry;

/// <summary>The recorded registry names its changes as the wire does, so a recorded history folds back into the same registry.</summary>
public sealed class RegistryEventsTests
{
    [Fact]
    public void Action_OfEachRecordedEvent_IsTheWireAction()
    {
        RegistryEvent[] recorded =
        [
            new EvaluatorRegistered { EvaluatorId = "e", Fingerprint = "f", PublicKey = "AA==", EffectiveAt = DateTimeOffset.UnixEpoch, Source = "s" },
            new EvaluatorKeyRotated { EvaluatorId = "e", Fingerprint = "f", PublicKey = "AQ==", EffectiveAt = DateTimeOffset.UnixEpoch, Source = "s" },
            new EvaluatorKeyRevoked { EvaluatorId = "e", Fingerprint = "f", EffectiveAt = DateTimeOffset.UnixEpoch, Source = "s" },
        ];

        Assert.Equal(RegistryAction.All, recorded.Select(e => e.Action));
        Assert.Equal(["AA==", "AQ==", null], recorded.Select(e => e.InstalledKey));
    }
}
