using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsGuc;

/// <summary>
/// gs_guc set/reload/check on one local data directory: edits openGauss's postgresql.conf or pg_hba.conf, regenerates
/// what PostgreSQL reads, and for reload signals the running server. Nothing is written when any value is refused.
/// </summary>
public sealed class InstanceEditor
{
    private readonly KitServices _services;

    public InstanceEditor(KitServices services)
    {
        _services = services;
    }

    private TextWriter Out => _services.Context.Out;

    /// <summary>Applies the change; returns false (after printing why) when it failed.</summary>
    public bool Apply(GsGucArguments arguments, DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        if (!File.Exists(dataDirectory.PostgresqlConf))
        {
            _services.Context.Error.WriteLine($"ERROR: Failed to open or read file \"{dataDirectory.PostgresqlConf}\": the instance does not exist.");
            return false;
        }

        var hba = arguments.HbaRules.Count > 0;
        var file = hba ? dataDirectory.HbaConf : dataDirectory.PostgresqlConf;
        Out.WriteLine($"expected instance path: [{file}]");
        var view = ConfFile.Load(dataDirectory.PostgresqlConf);
        var hbaFile = HbaFile.Load(dataDirectory.HbaConf);
        if (hba)
        {
            foreach (var rule in arguments.HbaRules)
            {
                hbaFile.Apply(rule);
            }
        }
        else
        {
            foreach (var parameter in arguments.Parameters)
            {
                var kind = GucCatalog.Classify(parameter.Name, _services.ConfigWriter.PostgresKnows);
                if (kind == GucKind.Unknown)
                {
                    _services.Context.Error.WriteLine($"ERROR: The name of parameter \"{parameter.Name}\" is incorrect. It is neither a PostgreSQL parameter nor an openGauss parameter the kit knows.");
                    return false;
                }

                if (parameter.RawValue is null)
                {
                    view.Comment(parameter.Name);
                }
                else
                {
                    view.Set(parameter.Name, parameter.RawValue);
                }
            }
        }

        try
        {
            // Validates every value PostgreSQL will read before anything is written.
            DerivedConfigBuilder.Build(dataDirectory, view, hbaFile.Lines, NodeState.Load(dataDirectory), _services.PgHost ?? "/tmp", _services.ConfigWriter.PostgresKnows);
        }
        catch (KitException e)
        {
            _services.Context.Error.WriteLine(e.Message);
            return false;
        }

        if (hba)
        {
            hbaFile.Save(dataDirectory.HbaConf);
        }
        else
        {
            view.Save(dataDirectory.PostgresqlConf);
        }

        // Without a socket directory the derived files wait for gs_ctl start, which needs one anyway; a reload cannot wait.
        var socketKnown = _services.PgHost is not null || view.Get("unix_socket_directory") is not null || view.Get("unix_socket_directories") is not null;
        if (socketKnown)
        {
            _services.ConfigWriter.Write(dataDirectory, _services.PgHost);
        }
        else if (arguments.Command == "reload")
        {
            _services.Context.Error.WriteLine($"ERROR: {dataDirectory.PostgresqlConf} sets no unix_socket_directory and PGHOST is not set: the change is saved but cannot be reloaded");
            return false;
        }

        var verb = hba ? arguments.Command + "hba" : arguments.Command;
        var items = hba
            ? arguments.HbaRules.Select(r => r.ToString())
            : arguments.Parameters.Select(p => p.RawValue is null ? p.Name : $"{p.Name}={p.RawValue}");
        foreach (var item in items)
        {
            Out.WriteLine($"gs_guc {verb}: {item}: [{file}]");
        }

        if (arguments.Command == "reload")
        {
            if (_services.PgCtl.IsRunning(dataDirectory.Path))
            {
                var result = _services.PgCtl.Reload(dataDirectory.Path);
                if (!result.Succeeded)
                {
                    _services.Context.Error.WriteLine($"ERROR: failed to signal the server of {dataDirectory.Path}: {result.FailureText}");
                    return false;
                }

                Out.WriteLine("server signaled");
            }
            else
            {
                Out.WriteLine($"NOTICE: the instance {dataDirectory.Path} is not running; the new values take effect when it starts");
            }
        }

        return true;
    }

    /// <summary>The raw value of each name in postgresql.conf ("NULL" when unset, as openGauss prints it).</summary>
    public static IReadOnlyList<(string Name, string Value)> Check(GsGucArguments arguments, DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var view = ConfFile.Load(dataDirectory.PostgresqlConf);
        return arguments.Parameters.Select(p => (p.Name, view.Get(p.Name) ?? "NULL")).ToList();
    }
}
