namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>Variants of the playground's expand-all.xml for tests, written next to it.</summary>
public static class ClusterXmlVariants
{
    /// <summary>expand-all.xml with the given hosts marked cascadeRole=on (their DEVICE gets the parameter).</summary>
    public static string WithCascades(string dir, params string[] hostNames)
    {
        var xml = File.ReadAllText(Path.Combine(dir, "expand-all.xml"));
        foreach (var host in hostNames)
        {
            var marker = $"<PARAM name=\"name\" value=\"{host}\"/>";
            var at = xml.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException($"{host} is not in expand-all.xml");
            }

            xml = xml.Insert(at + marker.Length, $"\n      <PARAM name=\"cascadeRole\" value=\"on\"/>");
        }

        var path = Path.Combine(dir, $"expand-cascade-{string.Join('-', hostNames)}.xml");
        File.WriteAllText(path, xml);
        return path;
    }
}
