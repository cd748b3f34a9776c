namespace PoQ.Ingest.Contract;

/// <summary>The <c>cost</c> object of the wire contract.</summary>
public sealed class WireCost
{
    /// <summary><c>latencyMs</c>.</summary>
    public double? LatencyMs { get; set; }
}
