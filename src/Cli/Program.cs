using PoQ.Cli;

return await PoqCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
