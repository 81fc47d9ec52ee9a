using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenGaussScale.Kit.Settings;

/// <summary>How an openGauss parameter lands on PostgreSQL: passed as is, renamed, or kept only in the kit's view.</summary>
public enum GucKind
{
    /// <summary>PostgreSQL has the same parameter.</summary>
    PostgreSql,

    /// <summary>PostgreSQL has it under another name or unit (wal_keep_segments, unix_socket_directory).</summary>
    Renamed,

    /// <summary>openGauss only (replconninfoN, available_zone, ...): kept in postgresql.conf, passed to the server as ogkit.NAME.</summary>
    OpenGaussOnly,

    /// <summary>Neither: gs_guc refuses it.</summary>
    Unknown,
}

/// <summary>The kit's table of openGauss-only and renamed parameters; everything else is asked from PostgreSQL.</summary>
public static partial class GucCatalog
{
    /// <summary>Size of one WAL segment in MB (openGauss and PostgreSQL both default to 16 MB).</summary>
    public const int WalSegmentMegabytes = 16;

    /// <summary>openGauss's default wal_keep_segments (16 segments of 16 MB), used when postgresql.conf sets none.</summary>
    public const int DefaultWalKeepSegments = 16;

    public const int MaxReplConnInfo = 8;

    private static readonly HashSet<string> OpenGaussOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "available_zone", "enable_availablezone", "audit_directory", "audit_enabled", "most_available_sync", "enable_slot_log",
        "enable_dcf", "dcf_config", "dcf_data_path", "dcf_log_path", "dcf_node_id", "enable_uwal", "uwal_config", "uwal_disk_size",
        "uwal_devices_path", "uwal_log_path", "uwal_rpc_compression_switch", "uwal_rpc_flowcontrol_switch", "uwal_rpc_flowcontrol_value",
        "uwal_async_append_switch", "pgxc_node_name", "enable_thread_pool", "thread_pool_attr", "remote_read_mode", "sync_config_strategy",
        "catchup2normal_wait_time", "enable_incremental_catchup", "wait_dummy_time", "session_timeout", "password_encryption_type",
        "enable_wdr_snapshot", "enable_data_replicate", "data_replicate_buffer_size", "enable_stream_replication", "enable_mix_replication",
        "replication_type", "enable_double_write", "enable_incremental_checkpoint", "ss_interconnect_channel_count", "ss_interconnect_url",
        "cluster_run_mode", "xlog_file_path", "xlog_lock_file_path", "enable_ustore", "enable_default_ustore_table", "uppercase_attribute_name",
        "enable_numa_distribute", "enable_page_lsn_check", "local_bind_address", "ha_module_debug",
    };

    public static GucKind Classify(string name, Func<string, bool> postgresKnows)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(postgresKnows);
        if (IsRenamed(name))
        {
            return GucKind.Renamed;
        }

        if (ReplConnInfoIndex(name) is not null || CrossClusterPattern().IsMatch(name) || OpenGaussOnly.Contains(name))
        {
            return GucKind.OpenGaussOnly;
        }

        return postgresKnows(name) ? GucKind.PostgreSql : GucKind.Unknown;
    }

    /// <summary>N for "replconninfoN" with 1 ≤ N ≤ 8, else null.</summary>
    public static int? ReplConnInfoIndex(string name)
    {
        var match = ReplConnInfoPattern().Match(name);
        if (!match.Success)
        {
            return null;
        }

        var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return index is >= 1 and <= MaxReplConnInfo ? index : null;
    }

    public static bool IsRenamed(string name) =>
        string.Equals(name, "wal_keep_segments", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "unix_socket_directory", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL name and raw value for a renamed openGauss parameter.</summary>
    public static (string Name, string RawValue) MapRenamed(string name, string rawValue)
    {
        if (string.Equals(name, "wal_keep_segments", StringComparison.OrdinalIgnoreCase))
        {
            var text = ConfValue.Unquote(rawValue);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var segments))
            {
                throw new Cli.KitException($"ERROR: The value \"{text}\" of parameter \"wal_keep_segments\" is not a whole number.");
            }

            return ("wal_keep_size", (segments * WalSegmentMegabytes).ToString(CultureInfo.InvariantCulture) + "MB");
        }

        return ("unix_socket_directories", rawValue);
    }

    [GeneratedRegex(@"^replconninfo([0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReplConnInfoPattern();

    [GeneratedRegex(@"^cross_cluster_replconninfo[0-9]+$", RegexOptions.IgnoreCase)]
    private static partial Regex CrossClusterPattern();
}
