using System.Security.Cryptography;
using System.Text;

namespace PoQ.Projections.Detection;

/// <summary>
/// Deterministic identities of a detection run: the stream is named by what the run is a function of — the history's
/// digest and the detector options' hash — and its events by their place on it, so running detection twice over one
/// history with one set of options names the same stream and the same events, and cannot record them twice.
/// </summary>
public static class DetectionIds
{
    /// <summary>Prefix of every detection run's stream id.</summary>
    public const string StreamPrefix = "detection-";

    /// <summary>The run's stream id: <c>detection-</c>, the first 16 hex digits of the digest, <c>-</c>, the options hash.</summary>
    public static string Stream(string historyDigest, string optionsHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(historyDigest);
        ArgumentException.ThrowIfNullOrEmpty(optionsHash);
        return $"{StreamPrefix}{historyDigest[..Math.Min(16, historyDigest.Length)]}-{optionsHash}";
    }

    /// <summary>The id of the <paramref name="index"/>-th event on <paramref name="runId"/>: the first 16 bytes of SHA-256 over <c>runId/index</c>.</summary>
    public static Guid Event(string runId, int index)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}/{index}"), hash);
        return new Guid(hash[..16]);
    }
}
