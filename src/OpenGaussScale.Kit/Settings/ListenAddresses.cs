namespace OpenGaussScale.Kit.Settings;

/// <summary>listen_addresses on the loopback playground: every "host" shares 127.0.0.1, so only the node's own addresses are kept.</summary>
public static class ListenAddresses
{
    public static string ForPostgres(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var kept = new List<string>();
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (item is "*" or "0.0.0.0" or "::")
            {
                throw new Cli.KitException($"ERROR: listen_addresses '{value}' would listen on every address; the kit needs the node's own address (e.g. 'localhost,10.0.0.2')");
            }

            if (!string.Equals(item, "localhost", StringComparison.OrdinalIgnoreCase) && !kept.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                kept.Add(item);
            }
        }

        return string.Join(',', kept);
    }
}
