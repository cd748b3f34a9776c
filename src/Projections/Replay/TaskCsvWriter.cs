namespace PoQ.Projections.Replay;

/// <summary><c>tasks.csv</c> written a line per replayed task as the replay streams (nothing per task kept in memory).</summary>
public sealed class TaskCsvWriter : IAsyncDisposable
{
    private readonly StreamWriter writer;

    /// <summary>Creates the file and writes the header.</summary>
    public TaskCsvWriter(string path)
    {
        writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(ReplayReportWriter.TasksHeader);
    }

    /// <summary>Writes one task's line.</summary>
    public void Write(TaskDelta delta) => writer.WriteLine(ReplayReportWriter.TaskLine(delta));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
