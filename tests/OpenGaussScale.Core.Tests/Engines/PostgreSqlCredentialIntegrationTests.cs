using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.PostgreSql;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Tests.Fakes;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// The replication credential against a real PostgreSQL 15 on this machine: the verifier computed here logs the role
/// in with the password libpq reads from the .pgpass ogscale wrote; a wrong password, or no role, does not. Every
/// command runs as the postgres OS user (PostgreSQL refuses root) with a scratch home, through the same shell text a
/// node runs.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PostgreSqlCredentialIntegrationTests
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    [PostgresRootFact]
    public async Task A_role_with_the_verifier_streams_with_the_pgpass_password_and_only_with_it()
    {
        var root = Directory.CreateTempSubdirectory("ogscale-credential-").FullName;
        var home = Path.Combine(root, "home");
        var data = Path.Combine(root, "data");
        var port = FreePort();
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(home, ".bashrc"), $"export PATH={Bin}:$PATH\nexport PGHOST={root}\n");
        await MustAsync("chown", "-R", "postgres", root);
        await MustAsync("chmod", "0755", root);
        try
        {
            await MustAsync("runuser", "-u", "postgres", "--", $"{Bin}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync");
            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{root}'\n");
            await File.WriteAllTextAsync(Path.Combine(data, "pg_hba.conf"),
                "local all postgres trust\n" + PgNames.ReplicationRule("ogscale_repl_node2", "127.0.0.1") + "\n");
            await MustAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", data, "-l", Path.Combine(root, "log"), "-w", "start");

            var shells = new PostgresShells(home);
            var primary = Node("node1", NodeRole.Primary, port);
            var standby = Node("node2", NodeRole.Standby, port);
            var config = TestContexts.Cluster("127.0.0.1") with { Nodes = [primary, standby] };
            var (journal, _) = TestContexts.MemoryJournal();
            var context = TestContexts.Create(config, journal, shells);
            var credential = new ReplicationCredential(standby, primary, "postgres", "~/.bashrc");
            var probe = credential.Probe(primary);

            await credential.IssueAsync(context.ForStep("credential@127.0.0.1"), journal: true, CancellationToken.None);

            var streamed = await context.TryRunAsync(probe, CancellationToken.None);
            Assert.True(streamed.Succeeded, streamed.Tail());
            var passFile = Path.Combine(home, ".pgpass");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passFile));
            Assert.Equal("postgres", (await RunAsync("stat", "-c", "%U", passFile)).Stdout.Trim());
            var password = (await File.ReadAllTextAsync(passFile)).Trim().Split(':')[^1];
            Assert.All(shells.Commands, c => Assert.DoesNotContain(c.Argv, a => a.Contains(password, StringComparison.Ordinal)));
            Assert.DoesNotContain(password, await File.ReadAllTextAsync(Path.Combine(root, "log")), StringComparison.Ordinal);

            // The same role with another password in the .pgpass is refused; a new credential works again.
            var wrong = credential.WriteLine with { Command = credential.WriteLine.Command with { StandardInput = PgNames.PassFileLine(credential.Role, ReplicationCredential.NewPassword()) + "\n" } };
            await context.RunAsync(wrong, CancellationToken.None);
            var refused = await context.TryRunAsync(probe, CancellationToken.None);
            Assert.False(refused.Succeeded);
            Assert.Contains("password authentication failed for user \"ogscale_repl_node2\"", refused.StandardError, StringComparison.Ordinal);
            await credential.IssueAsync(context.ForStep("credential@127.0.0.1"), journal: false, CancellationToken.None);
            Assert.True((await context.TryRunAsync(probe, CancellationToken.None)).Succeeded);

            // The role has no right beyond streaming: not a superuser, cannot log in to a database.
            var rights = await context.RunAsync(PgSql.Command(primary, "postgres", "~/.bashrc",
                "select rolsuper, rolreplication, rolcanlogin, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = 'ogscale_repl_node2'"), CancellationToken.None);
            Assert.Equal("f|t|t|f|f|f", rights.StandardOutput.Trim());

            await context.RunAsync(credential.DropRole, CancellationToken.None);
            Assert.False((await context.TryRunAsync(probe, CancellationToken.None)).Succeeded);
        }
        finally
        {
            await RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
            Directory.Delete(root, recursive: true);
        }
    }

    private static NodeConfig Node(string name, NodeRole role, int port) => TestContexts.Cluster("127.0.0.1").Nodes[0] with
    {
        Name = name,
        Role = role,
        Port = port,
        Index = role == NodeRole.Primary ? 0 : 1,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task MustAsync(params string[] argv)
    {
        var result = await RunAsync(argv);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', argv)}: {result.Stdout}{result.Stderr}");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] argv)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    // Every node is this machine and every command runs as postgres with the scratch home.
    private sealed class PostgresShells(string home) : INodeShells
    {
        public List<RemoteCommand> Commands { get; } = [];

        public Task<IRemoteShell> OpenAsync(NodeConfig node, string user, CancellationToken cancellationToken) =>
            Task.FromResult<IRemoteShell>(new Recording(this, new ProcessShell(node.BackIp, user, ["runuser", "-u", "postgres", "--", "env", "-u", "PGPASSFILE", $"HOME={home}"])));

        private sealed class Recording(PostgresShells owner, ProcessShell inner) : IRemoteShell
        {
            public RemoteTarget Target => inner.Target;

            public bool IsLocal => false;

            public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
            {
                lock (owner.Commands)
                {
                    owner.Commands.Add(command);
                }

                return inner.RunAsync(command, cancellationToken);
            }

            public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
                inner.UploadAsync(upload, progress, cancellationToken);

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

/// <summary>A fact that runs a PostgreSQL server: root and PostgreSQL 15 (skipped without them, never under CI=true).</summary>
public sealed class PostgresRootFactAttribute : FactAttribute
{
    public PostgresRootFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && (Environment.UserName != "root" || !File.Exists("/usr/lib/postgresql/15/bin/postgres")))
        {
            Skip = "needs root and PostgreSQL 15 in /usr/lib/postgresql/15/bin";
        }
    }
}
