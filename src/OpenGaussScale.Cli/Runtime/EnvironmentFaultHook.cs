using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;
using System.Diagnostics;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>
/// The crash-test tools of docs/reliability.md, read once from the environment when ogscale starts:
/// <list type="bullet">
/// <item><c>OGSCALE_FAULT_AT=&lt;step id&gt;</c>: ogscale kills itself with SIGKILL right before that step starts, the
/// way a crash or `kill -9` would: no journal line, no lock release, no cleanup.</item>
/// <item><c>OGSCALE_PAUSE_AT=&lt;step id&gt;</c> with <c>OGSCALE_PAUSE_FILE=&lt;path&gt;</c>: right before that step,
/// ogscale creates the file and waits until it is deleted, so a test can break something (stop an sshd) exactly at
/// that boundary and then let the run go on into it.</item>
/// </list>
/// With none of them set, the run gets <see cref="NoFaultHook"/>.
/// </summary>
internal sealed class EnvironmentFaultHook : IFaultHook
{
    public const string FaultVariable = "OGSCALE_FAULT_AT";
    public const string PauseVariable = "OGSCALE_PAUSE_AT";
    public const string PauseFileVariable = "OGSCALE_PAUSE_FILE";

    // A test that forgets to delete the file must not hang a run for ever.
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(30);

    private readonly string? _killAt;
    private readonly string? _pauseAt;
    private readonly string? _pauseFile;

    private EnvironmentFaultHook(string? killAt, string? pauseAt, string? pauseFile)
    {
        _killAt = killAt;
        _pauseAt = pauseAt;
        _pauseFile = pauseFile;
    }

    public static IFaultHook From(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var killAt = NonEmpty(variable(FaultVariable));
        var pauseFile = NonEmpty(variable(PauseFileVariable));
        var pauseAt = pauseFile is null ? null : NonEmpty(variable(PauseVariable));
        return killAt is null && pauseAt is null ? NoFaultHook.Instance : new EnvironmentFaultHook(killAt, pauseAt, pauseFile);
    }

    public async Task BeforeStepAsync(string stepId, CancellationToken cancellationToken)
    {
        if (string.Equals(_killAt, stepId, StringComparison.Ordinal))
        {
            Process.GetCurrentProcess().Kill();
        }

        if (_pauseFile is not null && string.Equals(_pauseAt, stepId, StringComparison.Ordinal))
        {
            // Written aside and renamed, so whoever waits for the file never reads it half written.
            var aside = _pauseFile + ".tmp";
            await File.WriteAllTextAsync(aside, stepId + "\n", cancellationToken).ConfigureAwait(false);
            File.Move(aside, _pauseFile, overwrite: true);
            await Poll.UntilAsync(_ => Task.FromResult(!File.Exists(_pauseFile)), LongestPause, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
