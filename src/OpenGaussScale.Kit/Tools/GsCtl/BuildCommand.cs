using System.Globalization;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Postgres;
using OpenGaussScale.Kit.Processes;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsCtl;

/// <summary>
/// gs_ctl build: a full copy of the upstream (pg_basebackup) that keeps the node's own configuration files — its
/// postgresql.conf (listen address, port, socket dir, application_name, replconninfo...), pg_hba.conf and
/// pg_ident.conf — then starts it streaming with application_name and a replication slot named after that application_name.
/// </summary>
public sealed class BuildCommand
{
    private static readonly string[] KeptFiles = ["postgresql.conf", "pg_hba.conf", "pg_ident.conf"];
    private readonly KitServices _services;

    public BuildCommand(KitServices services)
    {
        _services = services;
    }

    private TextWriter Out => _services.Context.Out;

    private TextWriter Error => _services.Context.Error;

    public int Run(DataDirectory dataDirectory, string? requestedMode)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var mode = requestedMode ?? ServerModes.Standby;
        Out.WriteLine(GsLog.Line("gs_ctl", $"gs_ctl full build ,datadir is {dataDirectory.Path}"));
        if (!Directory.Exists(dataDirectory.Path))
        {
            Error.WriteLine(GsLog.Line("gs_ctl", $"the data directory {dataDirectory.Path} does not exist"));
            return 1;
        }

        var upstream = new UpstreamFinder(_services).Find(dataDirectory, mode);
        var view = ConfFile.Load(dataDirectory.PostgresqlConf);
        var applicationName = view.Get("application_name") is { } raw ? ConfValue.Unquote(raw) : null;
        var slot = applicationName is not null && IsSlotName(applicationName) ? applicationName : null;
        var marker = BuildProgress.MarkerPath(dataDirectory, _services.PgHost);
        BuildProgress.Begin(marker, mode);
        try
        {
            return Build(dataDirectory, mode, upstream, applicationName, slot);
        }
        finally
        {
            BuildProgress.End(marker);
        }
    }

    private int Build(DataDirectory dataDirectory, string mode, Upstream upstream, string? applicationName, string? slot)
    {
        if (_services.PgCtl.IsRunning(dataDirectory.Path))
        {
            Out.WriteLine(GsLog.Line("gs_ctl", "stopping the running server before the build"));
            var stopped = _services.PgCtl.Stop(dataDirectory.Path, "fast", TimeSpan.FromSeconds(120));
            if (!stopped.Succeeded)
            {
                Error.WriteLine(GsLog.Line("gs_ctl", $"failed to stop the server: {stopped.FailureText}"));
                return 1;
            }
        }

        var kept = KeptFiles
            .Select(name => (Name: name, Path: Path.Combine(dataDirectory.Path, name)))
            .Where(f => File.Exists(f.Path))
            .Select(f => (f.Name, Text: File.ReadAllText(f.Path)))
            .ToList();

        var createSlot = false;
        if (slot is not null)
        {
            var existing = _services.Psql.Query(
                new ConnectionTarget(upstream.Host, upstream.Port, KitServices.CurrentUser),
                [$"select active from pg_replication_slots where slot_name = '{slot}'"]);
            if (!existing.Succeeded)
            {
                Error.WriteLine(GsLog.Line("gs_ctl", $"cannot read the replication slots of {upstream.Host}:{upstream.Port}: {existing.Error}"));
                return 1;
            }

            if (existing.Rows.Count > 0 && existing.Rows[0][0] == "t")
            {
                Error.WriteLine(GsLog.Line("gs_ctl", $"the replication slot {slot} on {upstream.Host}:{upstream.Port} is in use by another standby"));
                return 1;
            }

            createSlot = existing.Rows.Count == 0;
        }

        Empty(dataDirectory.Path);
        Out.WriteLine(GsLog.Line("gs_ctl", $"connect to server success, build started ({upstream.Host}:{upstream.Port})."));
        Out.WriteLine(GsLog.Line("gs_ctl", "receiving and unpacking files..."));
        var argv = new List<string>
        {
            "-h", upstream.Host, "-p", upstream.Port.ToString(CultureInfo.InvariantCulture), "-U", KitServices.CurrentUser,
            "-D", dataDirectory.Path, "-X", "stream", "-c", "fast", "--no-password",
        };
        if (slot is not null)
        {
            argv.AddRange(createSlot ? ["-C", "-S", slot] : ["-S", slot]);
        }

        var copied = ProcessRunner.Run(_services.Installation.Program("pg_basebackup"), argv, timeout: TimeSpan.FromHours(2));
        if (!copied.Succeeded)
        {
            // Put the node's own files back so a repeated build keeps its settings; the directory stays "uncompleted".
            Restore(dataDirectory, kept);
            Error.WriteLine(GsLog.Line("gs_ctl", $"build failed: pg_basebackup from {upstream.Host}:{upstream.Port}: {copied.FailureText}"));
            return 1;
        }

        File.WriteAllText(dataDirectory.BuildMarker, string.Empty);
        Restore(dataDirectory, kept);

        // openGauss has no postgresql.auto.conf; the upstream's copy must not override the node's own settings.
        File.WriteAllText(dataDirectory.AutoConf, "# Do not edit this file manually!\n# It will be overwritten by the ALTER SYSTEM command.\n");
        if (Directory.Exists(dataDirectory.KitDirectory))
        {
            Directory.Delete(dataDirectory.KitDirectory, recursive: true);
        }

        var conninfo = string.Create(CultureInfo.InvariantCulture, $"host={upstream.Host} port={upstream.Port} user={KitServices.CurrentUser}")
            + (applicationName is null ? string.Empty : " application_name=" + ConnInfoValue(applicationName));
        new NodeState(mode, conninfo, slot).Save(dataDirectory);
        File.WriteAllText(dataDirectory.StandbySignal, string.Empty);
        Out.WriteLine(GsLog.Line("gs_ctl", $"build completed({dataDirectory.Path})."));
        File.Delete(dataDirectory.BuildMarker);

        var started = new ServerControl(_services).Start(dataDirectory, mode);
        if (started != 0)
        {
            return started;
        }

        return WaitForStreaming(dataDirectory) ? 0 : 1;
    }

    private bool WaitForStreaming(DataDirectory dataDirectory)
    {
        var seconds = int.TryParse(_services.Context.Env("OGKIT_BUILD_TIMEOUT"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 120;
        var streaming = Poll.Until(
            () => PostmasterPid.LocalTarget(dataDirectory) is { } target && _services.Probe.Probe(target).Node?.Receiver?.Status == "streaming",
            TimeSpan.FromSeconds(seconds));
        if (!streaming)
        {
            Error.WriteLine(GsLog.Line("gs_ctl", $"the standby started but is not streaming after {seconds} s (see {dataDirectory.ServerLog})"));
        }

        return streaming;
    }

    private static void Restore(DataDirectory dataDirectory, IEnumerable<(string Name, string Text)> kept)
    {
        foreach (var (name, text) in kept)
        {
            File.WriteAllText(Path.Combine(dataDirectory.Path, name), text);
        }
    }

    private static void Empty(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }

    private static bool IsSlotName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static string ConnInfoValue(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? value : "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
