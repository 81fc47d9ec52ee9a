using OpenGaussScale.Core.Engines.OpenGauss.Actions;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// A failed openGauss expansion clears the failed hosts' replconninfo entries on the primary: an entry this run filled
/// where there was none is commented out again, one that was '' before is set to '' again, so the primary's active
/// settings end as before the run (matrix: the new host's database killed during build, then disk full on a primary
/// that an earlier dropnode had left with `replconninfo1 = ''`).
/// </summary>
public sealed class OpenGaussCleanupGucTests
{
    [Fact]
    public async Task Entries_this_run_found_unset_are_commented_out_and_empty_ones_set_empty_again()
    {
        var config = TestContexts.Cluster("127.0.0.11", "127.0.0.12", "127.0.0.13");
        var primary = config.Nodes[0];
        var (journal, _) = TestContexts.MemoryJournal();
        // What the run's own settings step on the primary journaled before it filled both entries.
        await journal.RecordChangeAsync("guc@127.0.0.11", Setting("replconninfo1", old: null), CancellationToken.None);
        await journal.RecordChangeAsync("guc@127.0.0.11", Setting("replconninfo2", old: ""), CancellationToken.None);
        var current = new Dictionary<string, string>
        {
            ["replconninfo1"] = "localhost=127.0.0.11 localport=15401 remotehost=127.0.0.12 remoteport=15401",
            ["replconninfo2"] = "localhost=127.0.0.11 localport=15401 remotehost=127.0.0.13 remoteport=15401",
        };
        IReadOnlyList<string>? set = null;
        var shells = new ScriptedShells((_, _, argv) =>
        {
            if (argv is ["gs_guc", "reload", ..])
            {
                set = argv;
                return ScriptedShells.Ok();
            }

            // Read back after the reload: both unset.
            return argv is ["gs_guc", "check", ..] ? ScriptedShells.Ok("gs_guc check: replconninfo1=NULL\ngs_guc check: replconninfo2=''\n") : null;
        });
        var action = new SetGucAction(primary, "omm", "~/.bashrc", [new("replconninfo1", ""), new("replconninfo2", "")], current, reload: true);

        await action.ExecuteAsync(TestContexts.Create(config, journal, shells).ForStep("cleanup-guc@127.0.0.11"), CancellationToken.None);

        Assert.Equal(["gs_guc", "reload", "-D", "/opt/data/dn", "-c", "replconninfo1", "-c", "replconninfo2=''"], set);
    }

    private static ChangeRecord Setting(string name, string? old) =>
        new() { Kind = ChangeKinds.Setting, Host = "127.0.0.11", Name = name, OldValue = old, NewValue = "localhost=127.0.0.11" };
}
