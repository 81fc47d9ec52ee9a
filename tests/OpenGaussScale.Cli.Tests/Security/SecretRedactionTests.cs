using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Ssh;

namespace OpenGaussScale.Cli.Tests.Security;

/// <summary>
/// The key passphrase from OGSCALE_SSH_PASSPHRASE (issue 14 item 4): taken out of the environment when ogscale starts,
/// and masked wherever it could surface: stderr log lines, the log file, error lines.
/// </summary>
public sealed class SecretRedactionTests
{
    [Fact]
    public async Task The_passphrase_is_gone_from_the_environment_and_masked_in_log_lines_the_log_file_and_errors()
    {
        // A quote and a backslash: the JSON log file escapes them, and must still not show the passphrase.
        var passphrase = $"pass\"word\\{Guid.NewGuid():N}";
        var logFile = Path.Combine(Path.GetTempPath(), $"ogscale-redaction-{Guid.NewGuid():N}", "run.log");
        Environment.SetEnvironmentVariable(SshPassphrase.Variable, passphrase);
        try
        {
            var services = CliServices.CreateDefault();

            Assert.Null(Environment.GetEnvironmentVariable(SshPassphrase.Variable));
            using var stderr = new StringWriter();
            await using (var session = CliSession.Open(services, stderr, new SshOptions(), verbose: true, logFile))
            {
                session.Log.Information("ognode2: `cat key.conf` printed {Output}", $"passphrase={passphrase}");
            }

            Assert.DoesNotContain(passphrase, stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("printed passphrase=***", stderr.ToString(), StringComparison.Ordinal);
            var file = await File.ReadAllTextAsync(logFile);
            Assert.DoesNotContain(Guid.Parse(passphrase[^32..]).ToString("N"), file, StringComparison.Ordinal);
            Assert.Contains("passphrase=***", file, StringComparison.Ordinal);

            var run = await CliHarness.RunAsync(services, "config", "validate", "-X", $"/nonexistent/{passphrase}.xml");
            Assert.Equal(2, run.ExitCode);
            Assert.DoesNotContain(passphrase, run.Stderr, StringComparison.Ordinal);
            Assert.Contains("/nonexistent/***.xml", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(SshPassphrase.Variable, null);
            if (Directory.Exists(Path.GetDirectoryName(logFile)))
            {
                Directory.Delete(Path.GetDirectoryName(logFile)!, recursive: true);
            }
        }
    }
}
