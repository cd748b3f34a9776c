namespace PoQ.Pipeline.Commit;

/// <summary>A pipeline was started against a store recorded under another mechanism.</summary>
public sealed class MechanismMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public MechanismMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MechanismMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MechanismMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
