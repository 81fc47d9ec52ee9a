using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.PostgreSql;
using OpenGaussScale.Core.Engines.PostgreSql.Actions;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;
using System.Diagnostics;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// A PostgreSQL standby's replication credential: its role, its pg_hba rule, its .pgpass line (the script run by a real
/// /bin/sh in a scratch home), and where the password travels when the step runs (only on standard input).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PostgreSqlCredentialTests : IDisposable
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("127.0.0.11", "127.0.0.12");
    private readonly string _home = Directory.CreateTempSubdirectory("ogscale-pgpass-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string PassFile => Path.Combine(_home, ".pgpass");

    [Fact]
    public void The_rule_names_the_standbys_own_role_with_scram_sha_256_never_trust()
    {
        var role = PgNames.ReplicationRole(Cluster.Nodes[1]);

        Assert.Equal("ogscale_repl_node2", role);
        Assert.Equal("host    replication    ogscale_repl_node2    127.0.0.12/32    scram-sha-256", PgNames.ReplicationRule(role, "127.0.0.12"));
        Assert.Equal("host    replication    ogscale_repl_node2    fd00::2/128    scram-sha-256", PgNames.ReplicationRule(role, "fd00::2"));
    }

    [Fact]
    public void A_long_node_name_gives_a_role_of_63_characters_distinct_from_its_neighbour()
    {
        var a = Cluster.Nodes[1] with { Name = new string('a', 70) + "1" };
        var b = Cluster.Nodes[1] with { Name = new string('a', 70) + "2" };

        Assert.Equal(63, PgNames.ReplicationRole(a).Length);
        Assert.NotEqual(PgNames.ReplicationRole(a), PgNames.ReplicationRole(b));
        Assert.StartsWith(PgNames.RolePrefix, PgNames.ReplicationRole(a), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pgpass_line_matches_any_host_and_escapes_colons_and_backslashes()
    {
        Assert.Equal("*:*:replication:ogscale_repl_node2:pw", PgNames.PassFileLine("ogscale_repl_node2", "pw"));
        Assert.Equal(@"*:*:replication:r\:1:a\\b\:c", PgNames.PassFileLine("r:1", @"a\b:c"));
    }

    [Fact]
    public void The_role_statement_grants_replication_and_login_only_with_the_verifier()
    {
        Assert.Equal(
            "CREATE ROLE \"ogscale_repl_node2\" WITH LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS PASSWORD 'SCRAM-SHA-256$x';\n",
            ReplicationCredential.RoleSql("ogscale_repl_node2", exists: false, "SCRAM-SHA-256$x"));
        Assert.StartsWith("ALTER ROLE \"ogscale_repl_node2\" WITH LOGIN REPLICATION NOSUPERUSER", ReplicationCredential.RoleSql("ogscale_repl_node2", exists: true, "v"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_creates_a_0600_pgpass_and_replaces_only_the_roles_own_line()
    {
        Assert.Equal(0, (await PassFileAsync("write", "*:*:replication:ogscale_repl_node2:first\n")).ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PassFile));
        await File.WriteAllTextAsync(PassFile, "db1:5432:app:alice:secret\n" + await File.ReadAllTextAsync(PassFile) + "*:*:replication:ogscale_repl_node20:other\n");

        Assert.Equal(0, (await PassFileAsync("write", "*:*:replication:ogscale_repl_node2:second\n")).ExitCode);

        Assert.Equal("db1:5432:app:alice:secret\n*:*:replication:ogscale_repl_node20:other\n*:*:replication:ogscale_repl_node2:second\n", await File.ReadAllTextAsync(PassFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PassFile));
        Assert.Equal(0, (await PassFileAsync("has")).ExitCode);
        Assert.Single(Directory.GetFiles(_home));
    }

    [Fact]
    public async Task A_symbolic_link_in_place_of_the_pgpass_is_refused_and_its_target_untouched()
    {
        var target = Path.Combine(_home, "elsewhere");
        await File.WriteAllTextAsync(target, "someone else's file\n");
        File.CreateSymbolicLink(PassFile, target);

        var run = await PassFileAsync("write", "*:*:replication:ogscale_repl_node2:pw\n");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("is not a regular file; refusing to write it", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("someone else's file\n", await File.ReadAllTextAsync(target));
        Assert.NotNull(new FileInfo(PassFile).LinkTarget);
    }

    [Fact]
    public async Task Removing_takes_only_the_roles_line_and_a_file_left_empty_goes()
    {
        await File.WriteAllTextAsync(PassFile, "db1:5432:app:alice:secret\n*:*:replication:ogscale_repl_node2:pw\n");

        Assert.Equal(0, (await PassFileAsync("remove")).ExitCode);
        Assert.Equal("db1:5432:app:alice:secret\n", await File.ReadAllTextAsync(PassFile));
        Assert.Equal(1, (await PassFileAsync("has")).ExitCode);

        await File.WriteAllTextAsync(PassFile, "*:*:replication:ogscale_repl_node2:pw\n");
        Assert.Equal(0, (await PassFileAsync("remove")).ExitCode);
        Assert.False(File.Exists(PassFile));
        Assert.Equal(0, (await PassFileAsync("remove")).ExitCode);
    }

    [Fact]
    public async Task The_password_travels_only_on_standard_input_and_the_journal_records_no_secret()
    {
        var shells = new ScriptedShells((node, user, argv) => argv switch
        {
            [.., "ogscale-pgpass", "has", _] => new CommandResult(1, "", "", TimeSpan.Zero),
            [.., "ogscale-pgpass", "write", _] => ScriptedShells.Ok(),
            ["psql", .., "-c", var sql] when sql.Contains("pg_roles", StringComparison.Ordinal) => ScriptedShells.Ok("0\n"),
            ["psql", .., "-f", "-"] => ScriptedShells.Ok(),
            [.., "-c", "IDENTIFY_SYSTEM"] => ScriptedShells.Ok("7714731380046507256|1|0/15012F0|\n"),
            _ => null,
        });
        var (journal, sink) = TestContexts.MemoryJournal();
        var context = TestContexts.Create(Cluster, journal, shells).ForStep("credential@127.0.0.12");
        var action = new CredentialAction(Cluster.Nodes[1], Cluster.Nodes[0], Cluster.Nodes[0], "omm", "~/.bashrc");

        await action.ExecuteAsync(context, CancellationToken.None);

        var write = Assert.Single(shells.Log, c => c.Command.Argv.Contains("write"));
        Assert.Equal(("127.0.0.12", "omm"), (write.Host, write.User));
        Assert.Matches(@"^\*:\*:replication:ogscale_repl_node2:[A-Za-z0-9_-]{43}\n$", write.Command.StandardInput);
        var password = write.Command.StandardInput![("*:*:replication:ogscale_repl_node2:".Length)..^1];
        var role = Assert.Single(shells.Log, c => c.Command.Argv[^1] == "-");
        Assert.Equal(("127.0.0.11", "omm"), (role.Host, role.User));
        Assert.Matches(@"^CREATE ROLE ""ogscale_repl_node2"" WITH LOGIN REPLICATION NOSUPERUSER .* PASSWORD 'SCRAM-SHA-256\$4096:[^']+';\n$", role.Command.StandardInput);
        Assert.DoesNotContain(password, role.Command.StandardInput, StringComparison.Ordinal);
        Assert.All(shells.Log, c => Assert.DoesNotContain(c.Command.Argv, a => a.Contains(password, StringComparison.Ordinal) || a.Contains("SCRAM", StringComparison.Ordinal)));
        var changes = sink.Entries.Where(e => e.Event == JournalEvents.Change).Select(e => e.Change!).ToList();
        Assert.Equal(
            [(ChangeKinds.PassFile, "127.0.0.12", "written", (string?)null), (ChangeKinds.Role, "127.0.0.11", "created", null)],
            changes.Select(c => (c.Kind, c.Host, c.NewValue!, c.OldValue)));
        Assert.All(sink.Entries, e => Assert.DoesNotContain(password, e.ToJsonLine(), StringComparison.Ordinal));
        Assert.All(sink.Entries, e => Assert.DoesNotContain("SCRAM", e.ToJsonLine(), StringComparison.Ordinal));
        Assert.All(action.Describe(), c => Assert.Null(c.Command.StandardInput));
    }

    [Fact]
    public async Task An_undo_drops_only_a_role_ogscale_derives_from_the_xml()
    {
        var shells = new ScriptedShells((node, user, argv) => argv is [.., "-c", var sql] && sql == "drop role if exists \"ogscale_repl_node2\"" ? ScriptedShells.Ok() : null);
        var (journal, _) = TestContexts.MemoryJournal();
        var reverter = new PostgreSqlEngine().Reverter;
        var context = TestContexts.Create(Cluster, journal, shells, reverter);

        await reverter.RevertAsync(new ChangeRecord { Kind = ChangeKinds.Role, Host = "127.0.0.11", Name = "ogscale_repl_node2", NewValue = "created" }, context, CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            reverter.RevertAsync(new ChangeRecord { Kind = ChangeKinds.Role, Host = "127.0.0.11", Name = "postgres", NewValue = "created" }, context, CancellationToken.None));

        Assert.Single(shells.Log);
        Assert.Equal("127.0.0.11: 'postgres' is not the replication role of a standby of test.xml; ogscale leaves it alone", error.Message);
    }

    private async Task<(int ExitCode, string Stderr)> PassFileAsync(string mode, string? input = null)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-c", ReplicationCredential.PassFileScript, "ogscale-pgpass", mode, "*:*:replication:ogscale_repl_node2:"])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = _home;
        info.Environment.Remove("PGPASSFILE");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.WriteAsync(input ?? "");
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The script refused before reading its input.
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stderr);
    }
}
