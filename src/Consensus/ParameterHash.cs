using System.Security.Cryptography;
using System.Text;

namespace PoQ.Consensus;

/// <summary>
/// The parameter hash that travels with every consensus and reward event: first 16 hex digits of SHA-256 over
/// <c>name;key=value;…</c> with keys in ordinal order. Equal for equal parameters, different otherwise.
/// </summary>
public static class ParameterHash
{
    /// <summary>The canonical text that is hashed.</summary>
    public static string CanonicalText(string name, IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join(';', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").Prepend(name));

    /// <summary>The hash of <see cref="CanonicalText"/>.</summary>
    public static string Of(string name, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(name, parameters)), digest);
        return Convert.ToHexStringLower(digest[..8]);
    }
}
