using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// Which members of the running cluster (gs_om -t status, which reads the static config) an XML leaves out. Expand and
/// dropnode both refuse such an XML: what ogscale writes (replconninfo mesh, static config) is derived from the XML's
/// nodes, so a member it leaves out would lose its entries on every node and its place in the static config.
/// A member counts as covered when a DEVICE has its IP as backIp1, the address the probe matches members by.
/// </summary>
internal static class OgXmlCoverage
{
    /// <summary>The member IPs with no DEVICE in <paramref name="config"/>, in gs_om's order.</summary>
    public static IReadOnlyList<string> MissingMembers(ClusterConfig config, OgFacts facts)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(facts);
        return [.. facts.Members.Where(ip => config.FindByBackIp(ip) is null)];
    }

    /// <summary>"node3 (10.0.0.3)" when gs_om gave the member a name, else the IP alone.</summary>
    public static string Describe(string ip, OgFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.MemberNames.TryGetValue(ip, out var name) && name.Length > 0 ? $"{name} ({ip})" : ip;
    }
}
