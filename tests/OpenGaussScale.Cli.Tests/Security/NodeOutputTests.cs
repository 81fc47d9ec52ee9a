using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Cli.Tests.BadInput;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh;
using System.Text.Json;

namespace OpenGaussScale.Cli.Tests.Security;

/// <summary>
/// Output from a node that carries terminal escapes (issue 14 item 12): whoever controls a node's tools or the cluster
/// user's profile controls what ogscale quotes from it, and it must reach the operator's terminal as visible text.
/// </summary>
public sealed class NodeOutputTests
{
    private const string Hostile = "\u001b]52;c;cm0gLXJmIH4K\u0007\u001b[2J\u001b[H\u001b]0;all good\u0007gs_ctl: not found \u009b31m";

    [Fact]
    public async Task An_error_quoting_a_nodes_output_prints_its_escapes_as_text()
    {
        var xml = Path.Combine(Path.GetTempPath(), $"ogscale-escapes-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(xml, BadInputXml.Render());
        try
        {
            var services = CliServices.CreateDefault() with
            {
                HostName = "ogscale-control",
                ShellFactories = (_, _) => (new HostileNode(), new HostileNode()),
            };

            var run = await CliHarness.RunAsync(services, "status", "-U", "omm", "-X", xml);

            Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
            Assert.Contains("neither gs_ctl nor pg_ctl is on omm's PATH", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(run.Stderr + run.Stdout, c => c is (< ' ' and not '\n' and not '\t') or (>= '\u007f' and <= '\u009f'));
            Assert.Contains("\\x1b]52;c;cm0gLXJmIH4K\\x07\\x1b[2J\\x1b[H\\x1b]0;all good\\x07gs_ctl: not found \\u009b31m", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(xml);
        }
    }

    [Fact]
    public async Task The_log_file_holds_a_nodes_escapes_as_json_escapes_that_decode_back()
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"ogscale-escapes-{Guid.NewGuid():N}", "run.log");
        try
        {
            await using (var session = CliSession.Open(CliServices.CreateDefault(), TextWriter.Null, new SshOptions(), verbose: false, logFile))
            {
                session.Log.Warning("ognode2: `gs_om -t status` printed {Output}", Hostile);
            }

            var text = await File.ReadAllTextAsync(logFile);
            Assert.DoesNotContain(text.TrimEnd('\n'), c => c is < ' ' or (>= '\u007f' and <= '\u009f'));
            using var line = JsonDocument.Parse(text);
            Assert.Equal(Hostile, line.RootElement.GetProperty("Output").GetString());
        }
        finally
        {
            if (Directory.Exists(Path.GetDirectoryName(logFile)))
            {
                Directory.Delete(Path.GetDirectoryName(logFile)!, recursive: true);
            }
        }
    }

    // A node whose every command fails, its stderr full of escape sequences (never a real connection).
    private sealed class HostileNode : IRemoteShellFactory, IRemoteShell
    {
        public RemoteTarget Target { get; private set; } = new("127.0.0.1", 22, "omm");

        public bool IsLocal => false;

        public Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken)
        {
            Target = target;
            return Task.FromResult<IRemoteShell>(this);
        }

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) =>
            Task.FromResult(new CommandResult(1, "", Hostile + "\n", TimeSpan.Zero));

        public Task<UploadResult> UploadAsync(FileUpload upload, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no upload in this test");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
