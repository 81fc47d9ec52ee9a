namespace OpenGaussScale.Kit.Settings;

/// <summary>openGauss accepts several "ANY k (...)" groups; PostgreSQL takes one group only.</summary>
public static class SynchronousStandbyNames
{
    public static void CheckPostgresCanTake(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Count(c => c == '(') > 1)
        {
            throw new Cli.KitException($"ERROR: synchronous_standby_names '{value}' has several groups; PostgreSQL accepts one group only (a documented difference of the kit)");
        }
    }
}
