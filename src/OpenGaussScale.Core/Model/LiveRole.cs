namespace OpenGaussScale.Core.Model;

/// <summary>
/// The role a node has in the running cluster (what it does now; <see cref="Config.NodeRole"/> is what the XML says it
/// should be). openGauss's tools print it as text (<see cref="LiveRoles.Parse"/>); the PostgreSQL probe judges it.
/// </summary>
public enum LiveRole
{
    /// <summary>Not known: the node could not be read, or the tool printed "Unknown" or a role ogscale does not know.</summary>
    Unknown,
    Primary,
    Standby,
    CascadeStandby,

    /// <summary>A standalone node (openGauss: running without replconninfo).</summary>
    Normal,
    Pending,

    /// <summary>Reachable, but its database does not run.</summary>
    Down,

    /// <summary>openGauss's DCF and dummy-standby roles, carried so that status shows them as printed.</summary>
    MainStandby,
    Secondary,
}

/// <summary>The text form of <see cref="LiveRole"/>: the wire format of openGauss's tools, and how ogscale prints a role.</summary>
public static class LiveRoles
{
    // openGauss's wal_get_role_string spellings, as `gs_ctl query` (local_role) and `gs_om -t status --detail` print them.
    private static readonly (LiveRole Role, string Text)[] Texts =
    [
        (LiveRole.Unknown, "Unknown"), (LiveRole.Primary, "Primary"), (LiveRole.Standby, "Standby"), (LiveRole.CascadeStandby, "Cascade Standby"),
        (LiveRole.Normal, "Normal"), (LiveRole.Pending, "Pending"), (LiveRole.Down, "Down"), (LiveRole.MainStandby, "Main Standby"), (LiveRole.Secondary, "Secondary"),
    ];

    /// <summary>Parses a role as a tool printed it (case-insensitive, as gs_ctl's output was compared); null or unknown text gives Unknown.</summary>
    public static LiveRole Parse(string? text)
    {
        foreach (var (role, spelling) in Texts)
        {
            if (string.Equals(text?.Trim(), spelling, StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        return LiveRole.Unknown;
    }

    /// <summary>The role as openGauss prints it ("Cascade Standby"), for messages, status and json.</summary>
    public static string Text(this LiveRole role)
    {
        foreach (var (known, spelling) in Texts)
        {
            if (known == role)
            {
                return spelling;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(role), role, null);
    }
}
