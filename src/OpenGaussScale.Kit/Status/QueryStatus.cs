using System.Text.RegularExpressions;

namespace OpenGaussScale.Kit.Status;

/// <summary>
/// How gs_om reads one node's `gs_ctl query` (openGauss OM, DbClusterInfo.queryClsInfo, the no-CM status): a failed query
/// is `Down` / `Manually stopped` when the server is not running ("Is server running?", "could not connect to the local
/// server"), else `Unknown` / `Unknown` (the node could not be asked, e.g. SSH failed); otherwise the first word of
/// local_role and of db_state (so `Cascade Standby` reads as `Cascade`), and `Need` becomes `Need repair(DETAIL)`.
/// </summary>
public static partial class QueryStatus
{
    public const string Down = "Down";
    public const string ManuallyStopped = "Manually stopped";
    public const string Unknown = "Unknown";

    /// <summary>The word gs_om shows for a cascade standby (the first word of its local_role).</summary>
    public const string Cascade = "Cascade";

    public static (string Role, string State) Read(int exitCode, string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (exitCode != 0 || output.Contains("exc_sql failed", StringComparison.Ordinal))
        {
            return output.Contains("could not connect to the local server", StringComparison.Ordinal) || output.Contains("Is server running", StringComparison.Ordinal)
                ? (Down, ManuallyStopped)
                : (Unknown, Unknown);
        }

        var role = LocalRole().Match(output);
        var state = DbState().Match(output);
        if (!role.Success || !state.Success)
        {
            return (Unknown, Unknown);
        }

        if (state.Groups[1].Value != "Need")
        {
            return (role.Groups[1].Value, state.Groups[1].Value);
        }

        var detail = DetailInformation().Match(output);
        return (role.Groups[1].Value, $"Need repair({(detail.Success ? detail.Groups[1].Value : Unknown)})");
    }

    [GeneratedRegex(@"local_role\s*:\s*(\w+)")]
    private static partial Regex LocalRole();

    [GeneratedRegex(@"db_state\s*:\s*(\w+)")]
    private static partial Regex DbState();

    [GeneratedRegex(@"detail_information\s*:\s*(\w+)")]
    private static partial Regex DetailInformation();
}
