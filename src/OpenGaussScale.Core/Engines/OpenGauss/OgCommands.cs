using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// The openGauss tools as ogscale runs them (reference section 5): always as the cluster user with the user's
/// environment sourced, always argv. One place, so a step's --dry-run text and what it runs are the same.
/// </summary>
internal static class OgCommands
{
    public static PlannedCommand Query(NodeConfig node, string user, string env) =>
        StepContextExtensions.AsUser(node, user, env, "gs_ctl", "query", "-D", node.DataDir);

    public static PlannedCommand GucCheck(NodeConfig node, string user, string env, IEnumerable<string> names) =>
        StepContextExtensions.AsUser(node, user, env, ["gs_guc", "check", "-D", node.DataDir, .. names.SelectMany(n => new[] { "-c", n })]);

    /// <summary>
    /// `gs_guc set` (file only) or `gs_guc reload` (file and running server) of several settings at once: `-c
    /// "name='value'"` each; a name in <paramref name="commentOut"/> given an empty value is written
    /// as `-c "name"`, which comments the parameter out (back to its default, as openGauss documents for replconninfoN).
    /// </summary>
    public static PlannedCommand GucSet(
        NodeConfig node, string user, string env, IEnumerable<KeyValuePair<string, string>> settings, bool reload, IReadOnlySet<string>? commentOut = null) =>
        StepContextExtensions.AsUser(node, user, env,
            ["gs_guc", reload ? "reload" : "set", "-D", node.DataDir,
                .. settings.SelectMany(s => new[] { "-c", s.Value.Length == 0 && commentOut?.Contains(s.Key) == true ? s.Key : Assignment(s.Key, s.Value) })]);

    /// <summary>Adds a pg_hba rule (`-h "host all USER IP/32 trust"`), or removes one given without its method.</summary>
    public static PlannedCommand Hba(NodeConfig node, string user, string env, string rule, bool reload) =>
        StepContextExtensions.AsUser(node, user, env, "gs_guc", reload ? "reload" : "set", "-D", node.DataDir, "-h", rule);

    public static PlannedCommand Reload(NodeConfig node, string user, string env) =>
        StepContextExtensions.AsUser(node, user, env, "gs_ctl", "reload", "-D", node.DataDir);

    public static PlannedCommand GaussdbVersion(NodeConfig node, string user, string env) =>
        StepContextExtensions.AsUser(node, user, env, "gaussdb", "--version");

    public static PlannedCommand GsOmVersion(NodeConfig node, string user, string env) =>
        StepContextExtensions.AsUser(node, user, env, "gs_om", "--version");

    public static PlannedCommand Status(NodeConfig primary, string user, string env) =>
        StepContextExtensions.AsUser(primary, user, env, "gs_om", "-t", "status", "--detail");

    /// <summary>`name='value'` as gs_guc takes it; values never hold a quote (validated when planned).</summary>
    public static string Assignment(string name, string value)
    {
        if (value.Contains('\'', StringComparison.Ordinal))
        {
            throw new ArgumentException($"the value of {name} contains a single quote, which gs_guc cannot take", nameof(value));
        }

        return $"{name}='{value}'";
    }

    /// <summary>The command with a deadline (a build's catch-up, a start).</summary>
    public static PlannedCommand WithTimeout(this PlannedCommand command, TimeSpan timeout) =>
        command with { Command = command.Command with { Timeout = timeout } };

    public static RemoteCommand Sh(string script, string name, params string[] args) => new(["sh", "-c", script, name, .. args]);
}
