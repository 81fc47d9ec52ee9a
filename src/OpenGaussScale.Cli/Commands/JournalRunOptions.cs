using System.CommandLine;

namespace OpenGaussScale.Cli.Commands;

/// <summary>The options `resume` and `rollback` share: which journal, --yes, and how to reach the nodes.</summary>
internal sealed class JournalRunOptions
{
    public Option<FileInfo?> Journal { get; } = CommonOptions.ExistingFile(new Option<FileInfo?>("--journal")
    {
        Description = "the journal of the run (default: the newest unfinished one on this machine)",
        HelpName = "FILE",
    });

    public Option<bool> Yes { get; } = new("--yes") { Description = "do not ask for confirmation (required without a terminal)" };

    public AccessOptions Access { get; } = new();

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Journal);
        command.Options.Add(Yes);
        Access.AddTo(command);
    }
}
