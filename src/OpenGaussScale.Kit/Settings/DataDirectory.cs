namespace OpenGaussScale.Kit.Settings;

/// <summary>
/// The files of one data directory. postgresql.conf and pg_hba.conf are openGauss's view (what gs_guc edits and tools grep);
/// the kit derives what PostgreSQL reads into the ogkit/ subdirectory.
/// </summary>
public sealed record DataDirectory(string Path)
{
    public const string BuildMarkerName = "build_completed.start";

    public string PostgresqlConf => Combine("postgresql.conf");

    public string HbaConf => Combine("pg_hba.conf");

    public string IdentConf => Combine("pg_ident.conf");

    public string AutoConf => Combine("postgresql.auto.conf");

    public string KitDirectory => Combine("ogkit");

    /// <summary>The configuration file the postmaster is started with (-c config_file=...).</summary>
    public string DerivedConf => System.IO.Path.Combine(KitDirectory, "postgresql.conf");

    public string DerivedHba => System.IO.Path.Combine(KitDirectory, "pg_hba.conf");

    /// <summary>Kit-only node state: server mode and the upstream build chose.</summary>
    public string StateFile => System.IO.Path.Combine(KitDirectory, "state.conf");

    public string ServerLog => System.IO.Path.Combine(KitDirectory, "postmaster.log");

    public string StandbySignal => Combine("standby.signal");

    public string PostmasterPid => Combine("postmaster.pid");

    /// <summary>Present while a build has copied the data but not finished (openGauss's own marker name).</summary>
    public string BuildMarker => Combine(BuildMarkerName);

    /// <summary>True when the directory holds a complete PostgreSQL cluster (PG_VERSION and global/pg_control).</summary>
    public bool IsInitialized => File.Exists(Combine("PG_VERSION")) && File.Exists(Combine("global/pg_control"));

    /// <summary>A build was started and did not finish: openGauss refuses to start such a directory.</summary>
    public bool HasUncompletedBuild =>
        File.Exists(BuildMarker) || (Directory.Exists(Path) && Directory.EnumerateFileSystemEntries(Path).Any() && !IsInitialized);

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    public static DataDirectory FromArgument(string path) => new(System.IO.Path.GetFullPath(path).TrimEnd('/') is { Length: > 0 } full ? full : "/");
}
