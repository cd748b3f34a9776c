using Spectre.Console;

namespace PoQ.Cli;

/// <summary>How the CLI reports a user's mistake: one clear line on stderr and a non-zero exit, never a stack trace.</summary>
internal static class CliErrors
{
    public const int UsageError = 2;

    public static int Fail(string message)
    {
        if (Console.IsErrorRedirected)
        {
            // Scripts read it: one line, never wrapped at a terminal width that is not there.
            Console.Error.WriteLine($"error: {message}");
        }
        else
        {
            var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        }

        return UsageError;
    }
}
