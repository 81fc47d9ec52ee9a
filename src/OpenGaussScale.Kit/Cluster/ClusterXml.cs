using System.Globalization;
using System.Xml;
using OpenGaussScale.Kit.Cli;

namespace OpenGaussScale.Kit.Cluster;

/// <summary>
/// Reads the cluster XML (reference 6): CLUSTER and DEVICE PARAMs. The DEVICE carrying dataNode1 is the primary; the hosts
/// listed in dataNode1 are its standbys, with instance ids 6001, 6002, ... in listing order; cascadeRole=on makes a cascade.
/// </summary>
public static class ClusterXml
{
    public const int FirstInstanceId = 6001;

    public static ClusterDescription Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new KitException($"[GAUSS-50201] : The {path} does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ClusterDescription Parse(string xml, string source)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || xml.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
        {
            throw new KitException("File have security risks.");
        }

        var document = new XmlDocument { XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document.Load(reader);
        }
        catch (XmlException e)
        {
            throw new KitException($"[GAUSS-51236] : Failed to parsing xml.The XML file format is incorrect. Error: {source}: {e.Message}");
        }

        var cluster = Params(document.SelectSingleNode("/ROOT/CLUSTER"));
        var devices = document.SelectNodes("/ROOT/DEVICELIST/DEVICE")?.Cast<XmlNode>().Select(Params).ToList() ?? [];
        var nodeNames = Required(cluster, "nodeNames", "CLUSTER").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (nodeNames.Length != devices.Count)
        {
            throw new KitException("[GAUSS-51236] : Failed to parsing xml.The XML file format is incorrect. Error: The number of nodeNames and DEVICE are not same.");
        }

        var deviceByName = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            deviceByName[Required(device, "name", "DEVICE")] = device;
        }

        // Instances from the primary DEVICE's dataNode1 list.
        var primaryDevice = devices.FirstOrDefault(d => d.ContainsKey("dataNode1"))
            ?? throw new KitException("[GAUSS-51236] : Failed to parsing xml.The XML file format is incorrect. Error: no DEVICE has dataNode1.");
        var port = int.Parse(primaryDevice.GetValueOrDefault("dataPortBase", "40000"), CultureInfo.InvariantCulture);
        var items = primaryDevice["dataNode1"].Split(',', StringSplitOptions.TrimEntries);
        if (items.Length % 2 == 0)
        {
            throw new KitException($"[GAUSS-51236] : Failed to parsing xml. The information of [dataNode1] is wrong.");
        }

        var instances = new Dictionary<string, DataNodeInstance>(StringComparer.Ordinal);
        var primaryName = primaryDevice["name"];
        instances[primaryName] = Instance(primaryDevice, FirstInstanceId, items[0], port, InstanceTypes.Primary);
        for (var i = 1; i < items.Length; i += 2)
        {
            var host = items[i];
            if (!deviceByName.TryGetValue(host, out var device))
            {
                throw new KitException($"[GAUSS-51236] : Failed to parsing xml.The XML file format is incorrect. Error: Can not found DEVICE for [{host}].");
            }

            var cascade = string.Equals(device.GetValueOrDefault("cascadeRole"), "on", StringComparison.OrdinalIgnoreCase);
            instances[host] = Instance(device, FirstInstanceId + ((i + 1) / 2), items[i + 1], port, cascade ? InstanceTypes.CascadeStandby : InstanceTypes.Standby);
        }

        var nodes = new List<ClusterNode>();
        for (var index = 0; index < nodeNames.Length; index++)
        {
            var name = nodeNames[index];
            if (!deviceByName.TryGetValue(name, out var device))
            {
                throw new KitException($"[GAUSS-51236] : Failed to parsing xml.The XML file format is incorrect. Error: Can not found DEVICE for [{name}].");
            }

            var backIp = Required(device, "backIp1", "DEVICE " + name);
            nodes.Add(new ClusterNode(
                index + 1, name, device.GetValueOrDefault("azName", "AZ1"), int.Parse(device.GetValueOrDefault("azPriority", "1"), CultureInfo.InvariantCulture),
                [backIp], [device.GetValueOrDefault("sshIp1", backIp)], instances.TryGetValue(name, out var instance) ? [instance] : []));
        }

        var toolPath = cluster.GetValueOrDefault("gaussdbToolPath", "/opt/huawei/wisequery");
        var user = Environment.UserName;
        return new ClusterDescription(
            Required(cluster, "clusterName", "CLUSTER"), Required(cluster, "gaussdbAppPath", "CLUSTER"),
            cluster.GetValueOrDefault("gaussdbLogPath", "/var/log/gaussdb"), cluster.GetValueOrDefault("tmpMppdbPath", $"{toolPath}/{user}_mppdb"),
            toolPath, cluster.GetValueOrDefault("corePath"), nodes);
    }

    private static DataNodeInstance Instance(Dictionary<string, string> device, int id, string dataDirectory, int port, int type)
    {
        var listen = device.TryGetValue("dataListenIp1", out var ips) ? ips.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [device["backIp1"]];
        return new DataNodeInstance(id, dataDirectory, port, type, listen);
    }

    private static string Required(Dictionary<string, string> parameters, string name, string where) =>
        parameters.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new KitException($"[GAUSS-51200] : The parameter [{name}] in the XML file does not exist. ({where})");

    private static Dictionary<string, string> Params(XmlNode? parent)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in parent?.SelectNodes("PARAM")?.Cast<XmlElement>() ?? [])
        {
            result[node.GetAttribute("name")] = node.GetAttribute("value").Trim();
        }

        return result;
    }
}
