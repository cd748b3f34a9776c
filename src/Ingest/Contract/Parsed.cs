namespace PoQ.Ingest.Contract;

/// <summary>Either a validated message or the rejection that sends it to the dead-letter topic.</summary>
/// <typeparam name="T">The validated message type.</typeparam>
public readonly record struct Parsed<T>(T? Value, Rejection? Rejection)
    where T : class
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool IsValid => Value is not null;

    /// <summary>A valid message.</summary>
    public static Parsed<T> Valid(T value) => new(value, null);

    /// <summary>A rejected message.</summary>
    public static Parsed<T> Rejected(Rejection rejection) => new(null, rejection);
}
