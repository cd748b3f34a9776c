using System.CommandLine;
using PoQ.Cli;

// SIGINT/SIGTERM cancel the running command; a graceful drain (poq run) may need longer than the default 2 s.
// Exceptions no command handled end here, as one line (CliFailures), not as System.CommandLine's stack trace.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60), EnableDefaultExceptionHandler = false };
try
{
    return await PoqCommandLine.Build().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    return 130; // interrupted
}
catch (Exception error)
{
    var (code, line) = CliFailures.Describe(error);
    await Console.Error.WriteLineAsync("error: " + line).ConfigureAwait(false);
    if (Environment.GetEnvironmentVariable("POQ_DEBUG") == "1")
    {
        await Console.Error.WriteLineAsync(error.ToString()).ConfigureAwait(false);
    }

    return code;
}
