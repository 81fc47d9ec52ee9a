namespace OpenGaussScale.Playground.Xml;

/// <summary>
/// expand-all.xml with some hosts made cascade standbys (their DEVICE gets cascadeRole=on), written next to it: the
/// demo's and the tests' way to try a cascade without editing XML by hand.
/// </summary>
public static class CascadeVariant
{
    public static string Write(string dir, params string[] hostNames)
    {
        ArgumentNullException.ThrowIfNull(hostNames);
        var xml = File.ReadAllText(Path.Combine(dir, "expand-all.xml"));
        foreach (var host in hostNames)
        {
            var marker = $"<PARAM name=\"name\" value=\"{host}\"/>";
            var at = xml.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException($"{host} is not in {dir}/expand-all.xml");
            }

            var lineStart = xml.LastIndexOf('\n', at) + 1;
            xml = xml.Insert(at + marker.Length, $"\n{xml[lineStart..at]}<PARAM name=\"cascadeRole\" value=\"on\"/>");
        }

        var path = Path.Combine(dir, $"expand-cascade-{string.Join('-', hostNames)}.xml");
        File.WriteAllText(path, xml);
        return path;
    }
}
