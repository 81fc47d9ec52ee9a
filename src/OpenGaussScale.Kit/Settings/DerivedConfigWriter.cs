using OpenGaussScale.Kit.Postgres;

namespace OpenGaussScale.Kit.Settings;

/// <summary>
/// Writes ogkit/postgresql.conf and ogkit/pg_hba.conf for a data directory and removes from postgresql.auto.conf every
/// name the view sets: openGauss has no auto.conf, so a value set with gs_guc must win over one pg_basebackup -R or
/// ALTER SYSTEM left there.
/// </summary>
public sealed class DerivedConfigWriter
{
    private readonly Lazy<ServerParameterNames> _names;

    public DerivedConfigWriter(PgInstallation installation)
    {
        _names = new Lazy<ServerParameterNames>(() => ServerParameterNames.Load(installation));
    }

    public Func<string, bool> PostgresKnows => name => _names.Value.Contains(name);

    public void Write(DataDirectory dataDirectory, string? pgHost)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var view = ConfFile.Load(dataDirectory.PostgresqlConf);
        var hba = HbaFile.Load(dataDirectory.HbaConf);
        var derived = DerivedConfigBuilder.Build(dataDirectory, view, hba.Lines, NodeState.Load(dataDirectory), pgHost, PostgresKnows);
        Directory.CreateDirectory(dataDirectory.KitDirectory);
        File.WriteAllText(dataDirectory.DerivedConf, derived.PostgresqlConf);
        File.WriteAllText(dataDirectory.DerivedHba, derived.HbaConf);

        if (File.Exists(dataDirectory.AutoConf))
        {
            var auto = ConfFile.Load(dataDirectory.AutoConf);
            var changed = false;
            foreach (var name in derived.NamesSet)
            {
                changed |= auto.Remove(name);
            }

            if (changed)
            {
                auto.Save(dataDirectory.AutoConf);
            }
        }
    }
}
