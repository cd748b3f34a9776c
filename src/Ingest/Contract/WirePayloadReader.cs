using System.Text.Json;

namespace PoQ.Ingest.Contract;

/// <summary>
/// The frame both wire hot paths share (<see cref="WireScoreReader"/>, <see cref="WireTaskReader"/>): one JSON object
/// and nothing after it, each member known (a flag bit), named at most once and read by its own value reader. Any
/// deviation — an unknown or repeated member, a value the member's reader declines, malformed JSON, invalid UTF-8,
/// trailing data — declines the payload, and the serializer reads it and words the verdict.
/// </summary>
internal static class WirePayloadReader
{
    /// <summary>The flag bit of the member the reader stands on (a property name), or 0 when it is not the contract's.</summary>
    public delegate int MemberOf(ref Utf8JsonReader reader);

    /// <summary>Reads the value of <paramref name="member"/> into <paramref name="into"/>; false declines the payload.</summary>
    public delegate bool ReadMember<in T>(ref Utf8JsonReader reader, int member, T into);

    /// <summary>True with the message when the payload is plainly well formed; false: let the serializer read it.</summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> payload, MemberOf memberOf, ReadMember<T> readMember, out T? message)
        where T : class, new()
    {
        message = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (TryReadObject(ref reader, memberOf, readMember, out message) && !reader.Read())
            {
                return true;
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string that is not valid UTF-8: the serializer names the problem.
        }

        message = null;
        return false;
    }

    private static bool TryReadObject<T>(ref Utf8JsonReader reader, MemberOf memberOf, ReadMember<T> readMember, out T? message)
        where T : class, new()
    {
        message = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var read = new T();
        int seen = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                message = read;
                return true;
            }

            int member = reader.TokenType == JsonTokenType.PropertyName ? memberOf(ref reader) : 0;
            if (member == 0 || (seen & member) != 0 || !reader.Read() || !readMember(ref reader, member, read))
            {
                return false;
            }

            seen |= member;
        }

        return false;
    }
}
