using System.CommandLine;
using PoQ.Cli;

// SIGINT/SIGTERM cancel the running command; a graceful drain (poq run) may need longer than the default 2 s.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await PoqCommandLine.Build().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
