using System.Globalization;

namespace PoQ.Pipeline.Resilience;

/// <summary>A dependency stayed unavailable longer than the outage budget: the pipeline stops, with one line saying so.</summary>
public sealed class OutageBudgetExceededException : Exception
{
    /// <summary>Creates the exception for <paramref name="outage"/>, which <paramref name="what"/> was retrying.</summary>
    public OutageBudgetExceededException(Outage outage, string what, Exception lastError)
        : base(Describe(outage, what, lastError), lastError)
    {
        Dependency = outage.Dependency;
    }

    /// <summary>Parameterless constructor for serializers.</summary>
    public OutageBudgetExceededException()
        : base("a dependency outage outlasted its budget")
    {
        Dependency = "";
    }

    /// <summary>Creates the exception with a message.</summary>
    public OutageBudgetExceededException(string message)
        : base(message)
    {
        Dependency = "";
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public OutageBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        Dependency = "";
    }

    /// <summary>The dependency that stayed away ("database", "broker").</summary>
    public string Dependency { get; }

    private static string Describe(Outage outage, string what, Exception lastError)
    {
        ArgumentNullException.ThrowIfNull(outage);
        ArgumentNullException.ThrowIfNull(lastError);
        string since = outage.UnavailableSince is { } start ? start.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "now";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{outage.Dependency} unavailable since {since}, longer than the outage budget of {outage.Budget.TotalSeconds:0.#} s (--max-outage); {what} gave up: {lastError.GetBaseException().Message}");
    }
}
