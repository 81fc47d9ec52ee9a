namespace OpenGaussScale.Kit.Settings;

/// <summary>The server modes of gs_ctl -M.</summary>
public static class ServerModes
{
    public const string Primary = "primary";
    public const string Standby = "standby";
    public const string CascadeStandby = "cascade_standby";
    public const string Pending = "pending";

    public static readonly string[] All = [Primary, Standby, CascadeStandby, Pending];

    public static bool IsStandbyLike(string mode) => mode is Standby or CascadeStandby or Pending;
}

/// <summary>
/// What the kit remembers about a node that openGauss keeps elsewhere: the mode it was started in and the upstream
/// that gs_ctl build connected it to. Stored in ogkit/state.conf.
/// </summary>
public sealed record NodeState(string? ServerMode, string? PrimaryConnInfo, string? PrimarySlotName)
{
    public static readonly NodeState Empty = new(null, null, null);

    public static NodeState Load(DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var file = ConfFile.Load(dataDirectory.StateFile);
        return new NodeState(Value(file, "server_mode"), Value(file, "primary_conninfo"), Value(file, "primary_slot_name"));
    }

    public void Save(DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        Directory.CreateDirectory(dataDirectory.KitDirectory);
        var lines = new List<string> { "# ogkit node state (not an openGauss file): server mode and the upstream chosen by gs_ctl build" };
        Add(lines, "server_mode", ServerMode);
        Add(lines, "primary_conninfo", PrimaryConnInfo);
        Add(lines, "primary_slot_name", PrimarySlotName);
        File.WriteAllText(dataDirectory.StateFile, string.Join('\n', lines) + "\n");
    }

    private static void Add(List<string> lines, string name, string? value)
    {
        if (value is not null)
        {
            lines.Add($"{name} = {ConfValue.Quote(value)}");
        }
    }

    private static string? Value(ConfFile file, string name) => file.Get(name) is { } raw ? ConfValue.Unquote(raw) : null;
}
