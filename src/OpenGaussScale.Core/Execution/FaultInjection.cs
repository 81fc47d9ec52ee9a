using System.Diagnostics;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Execution;

/// <summary>
/// Test tools (docs/reliability.md) that the fault-injection suite uses to prove `resume` and `rollback` recover
/// from any step boundary:
/// <list type="bullet">
/// <item><c>OGSCALE_FAULT_AT=&lt;step id&gt;</c>: ogscale kills itself with SIGKILL right before that step starts, the
/// way a crash or `kill -9` would: no journal line, no lock release, no cleanup.</item>
/// <item><c>OGSCALE_PAUSE_AT=&lt;step id&gt;</c> with <c>OGSCALE_PAUSE_FILE=&lt;path&gt;</c>: right before that step,
/// ogscale creates the file and waits until it is deleted, so a test can break something (stop an sshd) exactly at
/// that boundary and then let the run go on into it.</item>
/// </list>
/// </summary>
public static class FaultInjection
{
    public const string Variable = "OGSCALE_FAULT_AT";
    public const string PauseVariable = "OGSCALE_PAUSE_AT";
    public const string PauseFileVariable = "OGSCALE_PAUSE_FILE";

    // A test that forgets to delete the file must not hang a run for ever.
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(30);

    public static async Task BeforeStepAsync(string stepId, CancellationToken cancellationToken)
    {
        if (IsSet(Variable, stepId))
        {
            Process.GetCurrentProcess().Kill();
        }

        if (IsSet(PauseVariable, stepId) && Environment.GetEnvironmentVariable(PauseFileVariable) is { Length: > 0 } file)
        {
            // Written aside and renamed, so whoever waits for the file never reads it half written.
            var aside = file + ".tmp";
            await File.WriteAllTextAsync(aside, stepId + "\n", cancellationToken).ConfigureAwait(false);
            File.Move(aside, file, overwrite: true);
            await Poll.UntilAsync(_ => Task.FromResult(!File.Exists(file)), LongestPause, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsSet(string variable, string stepId) =>
        string.Equals(Environment.GetEnvironmentVariable(variable), stepId, StringComparison.Ordinal);
}
