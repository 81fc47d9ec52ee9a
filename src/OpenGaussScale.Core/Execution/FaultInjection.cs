using System.Diagnostics;

namespace OpenGaussScale.Core.Execution;

/// <summary>
/// A test tool (docs/reliability.md): with <c>OGSCALE_FAULT_AT=&lt;step id&gt;</c> ogscale kills itself with SIGKILL
/// right before that step starts, the way a crash or `kill -9` would: no journal line, no lock release, no cleanup.
/// The fault-injection suite uses it to prove that `resume` and `rollback` recover from any step boundary.
/// </summary>
public static class FaultInjection
{
    public const string Variable = "OGSCALE_FAULT_AT";

    public static void BeforeStep(string stepId)
    {
        if (string.Equals(Environment.GetEnvironmentVariable(Variable), stepId, StringComparison.Ordinal))
        {
            Process.GetCurrentProcess().Kill();
        }
    }
}
