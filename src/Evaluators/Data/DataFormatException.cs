namespace PoQ.Evaluators.Data;

/// <summary>A data file line that does not have the expected shape; names the file and the 1-based line.</summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException()
    {
        FilePath = string.Empty;
    }

    public DataFormatException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    public DataFormatException(string filePath, int lineNumber, string problem, Exception? innerException = null)
        : base($"{filePath}, line {lineNumber}: {problem}", innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    public string FilePath { get; }

    public int LineNumber { get; }
}
