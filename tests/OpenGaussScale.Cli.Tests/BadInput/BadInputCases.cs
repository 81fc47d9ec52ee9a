using OpenGaussScale.Core.Errors;
using System.Text;

namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// The bad-input table (issue 7): hostile and broken input through every verb, each refused with its exit code and
/// message before any connection. docs/reliability.md lists the same cases.
/// </summary>
internal static class BadInputCases
{
    private const string UnsafeHint = "hint: remove it: | ; & $ < > ` \\ ' \" { } ( ) [ ] ~ * ? ! and control characters are refused in cluster XML values";
    private const string DoctypeRefused = "<!DOCTYPE is not allowed in a cluster XML: document type and entity declarations are refused, never expanded";
    private const string EntityRefused = "<!ENTITY is not allowed in a cluster XML: document type and entity declarations are refused, never expanded";
    private const string UsageHint = "hint: run `ogscale expand --help` for the usage";
    private const string PasswdFirstLine = "root:x:0:0";
    private const string NameRule = "a letter or '_' first, then letters, digits, '_', '.' or '-', at most 32 characters";
    private const string SystemDirectoryHint = "hint: give a directory of the cluster's own, e.g. /opt/og/...: installing chowns each cluster path to the cluster user, and a rollback removes the directories a run created";

    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        .. XmlFiles(),
        .. XmlValues(),
        .. Options(),
        .. Hosts(),
        .. Playground(),
    ];

    public static BadInputCase ByName(string name) => All.Single(c => c.Name == name);

    // ---- the -X file itself: malformed, oversized, entities, encodings, not a file ----
    private static IEnumerable<BadInputCase> XmlFiles()
    {
        var template = BadInputXml.Render();
        yield return new()
        {
            Name = "xml-malformed",
            Input = "config validate: a PARAM tag left open",
            Args = Validate(),
            Xml = "<ROOT>\n  <CLUSTER>\n    <PARAM name=\"clusterName\" value=\"x\"\n  </CLUSTER>\n</ROOT>\n",
            ExitCode = ExitCodes.Usage,
            Messages = ["{xml}:4: the XML is not well-formed: ", "hint: fix the XML syntax at this line"],
        };
        yield return new()
        {
            Name = "xml-oversized",
            Input = "expand: a 2 MiB cluster XML (a huge comment)",
            Args = ExpandNew(),
            Xml = template.Replace("<ROOT>", $"<!-- {new string('x', 2 * 1024 * 1024)} -->\n<ROOT>", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}: the file is larger than 1 MiB (", "bytes); a cluster XML is a few kilobytes", "hint: check that -X names the cluster XML file"]),
        };
        yield return new()
        {
            Name = "xml-billion-laughs",
            Input = "expand: nested entities (billion laughs)",
            Args = ExpandNew(),
            Xml = BillionLaughs(),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:2: " + DoctypeRefused, "{xml}:3: " + EntityRefused, "{xml}:12: " + EntityRefused, "hint: remove the <!ENTITY ... declaration; a cluster XML needs none"], errors: 11),
        };
        yield return new()
        {
            Name = "xml-external-entity-file",
            Input = "expand: an external entity reading /etc/passwd into clusterName",
            Args = ExpandNew(),
            Xml = template.Replace("<ROOT>", "<!DOCTYPE ROOT [<!ENTITY passwd SYSTEM \"file:///etc/passwd\">]>\n<ROOT>", StringComparison.Ordinal)
                .Replace("value=\"badinput\"", "value=\"&passwd;\"", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:2: " + DoctypeRefused, "{xml}:2: " + EntityRefused], errors: 2),
            NeverShown = [PasswdFirstLine],
        };
        yield return new()
        {
            Name = "xml-external-entity-url",
            Input = "config validate: an external entity pointing at a URL (a listener on loopback)",
            Args = Validate(),
            Xml = template.Replace("<ROOT>", "<!DOCTYPE ROOT [\n<!ENTITY remote SYSTEM \"{url}/secret\">\n]>\n<ROOT>", StringComparison.Ordinal)
                .Replace("value=\"badinput\"", "value=\"&remote;\"", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = ["{xml}:2: " + DoctypeRefused, "{xml}:3: " + EntityRefused, "hint: remove the <!DOCTYPE ... declaration; a cluster XML needs none"],
        };
        yield return new()
        {
            Name = "xml-external-dtd",
            Input = "check: a DOCTYPE with an external DTD URL",
            Args = Check("-h", "192.168.0.3"),
            Xml = template.Replace("<ROOT>", "<!DOCTYPE ROOT SYSTEM \"{url}/cluster.dtd\">\n<ROOT>", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:2: " + DoctypeRefused]),
        };
        yield return new()
        {
            Name = "xml-parameter-entity",
            Input = "status: a parameter entity loading a remote DTD",
            Args = Status(),
            Xml = template.Replace("<ROOT>", "<!DOCTYPE ROOT [ <!ENTITY % p SYSTEM \"{url}/p.dtd\"> %p; ]>\n<ROOT>", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:2: " + DoctypeRefused, "{xml}:2: " + EntityRefused], errors: 2),
        };
        yield return new()
        {
            Name = "xml-doctype-in-comment",
            Input = "expand: <!DOCTYPE inside a comment (refused, as openGauss does)",
            Args = ExpandNew(),
            Xml = template.Replace("<ROOT>", "<!-- <!DOCTYPE ROOT> kept for reference -->\n<ROOT>", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:2: " + DoctypeRefused]),
        };
        yield return new()
        {
            Name = "xml-doctype-lowercase",
            Input = "config validate: <!doctype in lower case",
            Args = Validate(),
            Xml = template.Replace("<ROOT>", "<!doctype ROOT>\n<ROOT>", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = ["{xml}:2: " + DoctypeRefused],
        };
        yield return new()
        {
            Name = "xml-not-utf8",
            Input = "expand: a Latin-1 byte (0xE9) in clusterName",
            Args = ExpandNew(),
            XmlBytes = Encoding.Latin1.GetBytes(BadInputXml.Render(new Dictionary<string, string> { ["clusterName"] = "caf\u00e9" })),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid([$"{{xml}}:{{line:clusterName}}: the file is not UTF-8 text (byte 0xE9 at offset {Latin1Offset()})", "hint: save the cluster XML as UTF-8"]),
        };
        yield return new()
        {
            Name = "xml-utf16",
            Input = "config validate: the cluster XML saved as UTF-16 with a BOM",
            Args = Validate(),
            XmlBytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(template)],
            ExitCode = ExitCodes.Usage,
            Messages = ["{xml}:1: the file is not UTF-8 text (byte 0xFF at offset 0)"],
        };
        yield return new()
        {
            Name = "xml-binary",
            Input = "config validate: binary garbage (bytes 0x00-0xFF)",
            Args = Validate(),
            XmlBytes = [.. Enumerable.Range(0, 256).Select(b => (byte)b)],
            ExitCode = ExitCodes.Usage,
            Messages = ["{xml}:2: the file is not UTF-8 text (byte 0x80 at offset 128)"],
        };
        yield return new()
        {
            Name = "xml-empty",
            Input = "expand: an empty -X file",
            Args = ExpandNew(),
            XmlBytes = [],
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}: the file is empty", "hint: -X must name the cluster XML"]),
        };
        yield return new()
        {
            Name = "xml-is-a-directory",
            Input = "expand: -X names a directory",
            Args = ["expand", "-U", "omm", "-G", "dbgrp", "-X", "{dir}", "-h", "192.168.0.3"],
            ExitCode = ExitCodes.Usage,
            Messages = ["error: -X: '{dir}' is a directory, not a file", "hint: run `ogscale expand --help` for the usage"],
        };
        yield return new()
        {
            Name = "xml-missing",
            Input = "config validate: -X names a file that does not exist",
            Args = ["config", "validate", "-X", "{dir}/no-such.xml"],
            ExitCode = ExitCodes.Usage,
            Messages = ["error: -X: the file '{dir}/no-such.xml' does not exist", "hint: run `ogscale config validate --help` for the usage"],
        };
        yield return new()
        {
            Name = "xml-device",
            Input = "config validate: -X /dev/zero (endless)",
            Args = ["config", "validate", "-X", "/dev/zero"],
            ExitCode = ExitCodes.Usage,
            Messages = ["error: -X: '/dev/zero' is a character device, not a regular file; give the path of a file (a pipe or device is never read)", "hint: run `ogscale config validate --help` for the usage"],
        };
        yield return new()
        {
            Name = "xml-device-null-dropnode",
            Input = "dropnode: -X /dev/null (a device, not a file)",
            Args = ["dropnode", "-U", "omm", "-G", "dbgrp", "-X", "/dev/null", "-h", "192.168.0.3", "--yes"],
            ExitCode = ExitCodes.Usage,
            Messages = ["error: -X: '/dev/null' is a character device, not a regular file; give the path of a file (a pipe or device is never read)", "hint: run `ogscale dropnode --help` for the usage"],
        };
        yield return new()
        {
            Name = "xml-deeply-nested",
            Input = "expand: 120000 nested unknown elements",
            Args = ExpandNew(),
            Xml = $"<ROOT>{string.Concat(Enumerable.Repeat("<a>", 120_000))}{string.Concat(Enumerable.Repeat("</a>", 120_000))}</ROOT>\n",
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:1: elements are nested more than 32 deep; a cluster XML nests 4 (ROOT, DEVICELIST, DEVICE, PARAM)", "hint: check that -X names the cluster XML file"]),
        };
        yield return new()
        {
            Name = "xml-too-many-elements",
            Input = "config validate: 20000 unknown elements in ROOT",
            Args = Validate(),
            Xml = template.Replace("</ROOT>", string.Concat(Enumerable.Repeat("<x/>", 20_000)) + "\n</ROOT>", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = ["the XML has more than 10000 elements; a cluster XML of nine hosts has a few hundred", "hint: check that -X names the cluster XML file"],
        };
        yield return new()
        {
            Name = "xml-path-traversal",
            Input = "expand: -X {dir}/../../../../../../etc/passwd",
            Args = ["expand", "-U", "omm", "-G", "dbgrp", "-X", "{dir}/../../../../../../etc/passwd", "-h", "192.168.0.3"],
            ExitCode = ExitCodes.Usage,
            Messages = ["{dir}/../../../../../../etc/passwd:1: the XML is not well-formed: ", "error: {dir}/../../../../../../etc/passwd: the cluster XML is not valid (1 error above); nothing was changed"],
            NeverShown = [PasswdFirstLine],
        };
        yield return new()
        {
            Name = "xml-path-metacharacters",
            Input = "expand: an invalid XML whose file name has $( ): the hint quotes it",
            Args = ExpandNew(),
            XmlName = "cluster-$(id).xml",
            Xml = "<ROOT>",
            ExitCode = ExitCodes.Usage,
            Messages = ["error: {xml}: the cluster XML is not valid (1 error above); nothing was changed", "hint: run `ogscale config validate -X '{xml}'` for the details"],
        };
        yield return new()
        {
            Name = "xml-nine-standbys",
            Input = "expand: dataNode1 with 9 standbys",
            Args = Expand("-h", "192.168.1.10"),
            Xml = BadInputXml.WithStandbys(9),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid([": dataNode1 lists 9 standbys; openGauss allows at most 8, cascades included", "hint: a cluster is one primary and at most eight standbys (openGauss: GAUSS-51230)"]),
        };
        yield return new()
        {
            Name = "xml-nine-standbys-check",
            Input = "check: dataNode1 with 9 standbys",
            Args = Check(),
            Xml = BadInputXml.WithStandbys(9),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid([": dataNode1 lists 9 standbys; openGauss allows at most 8, cascades included"]),
        };
        yield return new()
        {
            Name = "xml-ipv6-mixed",
            Input = "expand: node4 given an IPv6 backIp1 in an IPv4 cluster",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["backIp4"] = "fd00::4", ["sshIp4"] = "fd00::4", ["backIp1s"] = "192.168.0.1,192.168.0.2,192.168.0.3,fd00::4" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:backIp4}: backIp1: fd00::4 is an IPv6 address but the cluster's addresses are IPv4 (192.168.0.1 at line {line:backIp1s})"], errors: 3),
        };
        yield return new()
        {
            Name = "xml-cluster-manager",
            Input = "expand: a cluster with CM (not driven by ogscale)",
            Args = ["expand", "-U", "omm", "-G", "dbgrp", "-X", "{cm}", "-h", "192.168.0.3"],
            ExitCode = ExitCodes.PreconditionFailed,
            Messages = ["error: {cm}: this cluster has the cluster manager (CM) component; ogscale expand does not support CM clusters yet", "hint: use openGauss's own gs_expansion for a cluster with CM"],
        };
    }

    // ---- shell metacharacters and path traversal in every kind of XML value, through expand ----
    private static IEnumerable<BadInputCase> XmlValues()
    {
        yield return Unsafe("value-cluster-name", "clusterName", "clusterName", "c$(touch {marker})", '$');
        yield return Unsafe("value-node-names", "nodeNames", "nodeNames", "node1,node2;touch {marker},node3,node4", ';');
        yield return Unsafe("value-device-name", "name2", "name", "node2`touch {marker}`", '`', errors: 3);
        yield return Unsafe("value-backip1s", "backIp1s", "backIp1s", "192.168.0.1,192.168.0.2|touch {marker},192.168.0.3,192.168.0.4", '|');
        yield return Unsafe("value-backip1", "backIp3", "backIp1", "192.168.0.3;touch {marker}", ';');
        yield return Unsafe("value-sship1", "sshIp2", "sshIp1", "192.168.0.2&&touch {marker}", '&');
        yield return Unsafe("value-sshport", "sshPort2", "sshPort", "22;touch {marker}", ';');
        yield return Unsafe("value-dataportbase", "dataPortBase", "dataPortBase", "15400$(touch {marker})", '$');
        yield return Unsafe("value-datanode1", "dataNode1", "dataNode1", "/opt/og/data/dn;touch {marker},node2,/opt/og/data/dn,node3,/opt/og/data/dn,node4,/opt/og/data/dn", ';');
        yield return Unsafe("value-log-path", "gaussdbLogPath", "gaussdbLogPath", "/var/log/`touch {marker}`", '`');
        yield return Unsafe("value-tool-path-home", "gaussdbToolPath", "gaussdbToolPath", "~/og/tool", '~');
        yield return Unsafe("value-az-name", "azName2", "azName", "AZ1;touch {marker}", ';');
        yield return Unsafe("value-az-priority", "azPriority2", "azPriority", "1$(touch {marker})", '$');
        yield return Unsafe("value-cascade-role", "cascadeRole4", "cascadeRole", "on|touch {marker}", '|');
        yield return Unsafe("value-entity-reference", "clusterName", "clusterName", "c&amp;&amp;touch {marker}", '&', raw: true);
        yield return Unsafe("value-character-reference", "clusterName", "clusterName", "c&#36;(touch {marker})", '$', raw: true);
        yield return new()
        {
            Name = "value-newline",
            Input = "expand: clusterName with a newline (&#10;) and a command",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(raw: new Dictionary<string, string> { ["clusterName"] = "c&#10;touch {marker}" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:clusterName}: the value of clusterName contains newline, which is not allowed", UnsafeHint]),
            Injects = true,
        };
        yield return new()
        {
            Name = "value-param-name",
            Input = "expand: a PARAM whose name is a command",
            Args = ExpandNew(),
            Xml = BadInputXml.Render().Replace("  </CLUSTER>", "    <PARAM name=\"$(touch {marker})\" value=\"1\"/>\n  </CLUSTER>", StringComparison.Ordinal),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid([": parameter $(touch {marker}) is not a valid CLUSTER parameter", "GAUSS-51258"]),
            Injects = true,
        };
        yield return new()
        {
            Name = "value-app-path-traversal",
            Input = "expand: gaussdbAppPath /opt/../etc",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["gaussdbAppPath"] = "/opt/../etc" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:gaussdbAppPath}: gaussdbAppPath '/opt/../etc' is the system directory /etc", SystemDirectoryHint]),
        };
        yield return new()
        {
            Name = "value-data-dir-traversal",
            Input = "expand: a standby's data directory /opt/og/data/../../../etc",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["dataNode1"] = "/opt/og/data/dn,node2,/opt/og/data/../../../etc,node3,/opt/og/data/dn,node4,/opt/og/data/dn" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:dataNode1}: dataNode1 directory '/opt/og/data/../../../etc' is the system directory /etc", SystemDirectoryHint]),
        };
        yield return SystemDirectory("value-app-path-usr", "expand: gaussdbAppPath /usr/ (a system directory with a trailing '/')", ExpandNew(), "gaussdbAppPath", "/usr/", "/usr");
        yield return SystemDirectory("value-tmp-path-tmp", "config validate: tmpMppdbPath /tmp", Validate(), "tmpMppdbPath", "/tmp", "/tmp", invalid: false);
        yield return SystemDirectory("value-log-path-var", "dropnode: gaussdbLogPath /var/.", ["dropnode", "-U", "omm", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3", "--yes"], "gaussdbLogPath", "/var/.", "/var");
        yield return SystemDirectory("value-tool-path-bin", "check: gaussdbToolPath //bin", Check(), "gaussdbToolPath", "//bin", "/bin");
        yield return SystemDirectory("value-core-path-proc", "status: corePath /proc", Status(), "corePath", "/proc", "/proc");
        yield return new()
        {
            Name = "value-data-dir-root-home",
            Input = "expand: a standby's data directory /root",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["dataNode1"] = "/opt/og/data/dn,node2,/opt/og/data/dn,node3,/root,node4,/opt/og/data/dn" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:dataNode1}: dataNode1 directory '/root' is the system directory /root", SystemDirectoryHint]),
        };
        yield return new()
        {
            Name = "value-tmp-path-relative",
            Input = "expand: tmpMppdbPath relative (../tmp)",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["tmpMppdbPath"] = "../tmp" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:tmpMppdbPath}: tmpMppdbPath '../tmp' is not an absolute path"]),
        };
        yield return new()
        {
            Name = "value-core-path-root",
            Input = "expand: corePath /",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["corePath"] = "/" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:corePath}: corePath '/' is the root directory"]),
        };
        yield return new()
        {
            Name = "value-host-name-traversal",
            Input = "expand: a DEVICE named ../../etc",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["name3"] = "../../etc" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:name3}: name: '../../etc' is not a valid host name"], errors: 5),
        };
        yield return new()
        {
            Name = "value-sshport-range",
            Input = "expand: sshPort 65536",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["sshPort2"] = "65536" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:sshPort2}: sshPort must be a port number from 1 to 65535, not '65536'"]),
        };
        yield return new()
        {
            Name = "value-dataportbase-derived",
            Input = "expand: dataPortBase 65531 (its derived ports overflow)",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["dataPortBase"] = "65531" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:dataPortBase}: dataPortBase 65531 leaves no room for the derived ports: the heartbeat port 65536 (dataPortBase+5) is above 65535"]),
        };
        yield return new()
        {
            Name = "value-az-name-space",
            Input = "expand: azName 'AZ 1'",
            Args = ExpandNew(),
            Xml = BadInputXml.Render(new Dictionary<string, string> { ["azName2"] = "AZ 1" }),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid(["{xml}:{line:azName2}: azName 'AZ 1' is not a valid AZ name"]),
        };
    }

    // ---- options: unknown, bad values, metacharacters, missing files, response files ----
    private static IEnumerable<BadInputCase> Options()
    {
        yield return Usage("option-unknown", "expand --bogus", ExpandNew("--bogus"), "error: Unrecognized command or argument '--bogus'.", UsageHint);
        yield return Usage("option-of-another-verb", "check --dry-run (an expand option)", Check("-h", "192.168.0.3", "--dry-run"),
            "error: Unrecognized command or argument '--dry-run'.", "hint: run `ogscale check --help` for the usage");
        yield return Usage("option-stray-argument", "expand with a stray word", ExpandNew("now"), "error: Unrecognized command or argument 'now'.");
        yield return Usage("option-missing-value", "expand ... -U (no value)", ["expand", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3", "-U"], "error: Required argument missing for option: '-U'.");
        yield return Usage("timeout-not-a-number", "--time-out abc", ExpandNew("--time-out", "abc"), "error: the value of --time-out must be a nonnegative integer, not 'abc' (GAUSS-50003)", UsageHint);
        yield return Usage("timeout-negative", "--time-out -5", ExpandNew("--time-out", "-5"), "error: the value of --time-out must be a nonnegative integer, not '-5' (GAUSS-50003)");
        yield return Usage("timeout-zero", "--time-out 0", ExpandNew("--time-out", "0"), "error: the value of --time-out must be an integer from 1 to 2147483646 (GAUSS-50004)");
        yield return Usage("timeout-huge", "--time-out 99999999999999999999", ExpandNew("--time-out", "99999999999999999999"), "error: the value of --time-out must be an integer from 1 to 2147483646 (GAUSS-50004)");
        yield return Usage("timeout-injection", "--time-out '300;touch ...'", ExpandNew("--time-out", "300;touch {marker}"),
            "error: the value of --time-out must be a nonnegative integer, not '300;touch {marker}' (GAUSS-50003)") with { Injects = true };
        yield return Usage("timeout-not-a-number-dropnode", "dropnode --time-out=abc", ["dropnode", "-U", "omm", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3", "--yes", "--time-out=abc"],
            "error: the value of --time-out must be a nonnegative integer, not 'abc' (GAUSS-50003)", "hint: run `ogscale dropnode --help` for the usage");
        yield return Usage("switch-with-a-value", "expand --yes=please", ExpandNew("--yes=please"), "error: --yes is a switch and takes no value (give --yes alone), not 'please'");
        yield return Usage("parallel-zero", "--parallel 0", ExpandNew("--parallel", "0"), "error: --parallel must be at least 1");
        yield return Usage("parallel-injection", "--parallel '$(touch ...)'", ExpandNew("--parallel", "$(touch {marker})"),
            "error: --parallel must be a whole number of at least 1, not '$(touch {marker})'") with { Injects = true };
        yield return Usage("output-unknown", "--output yaml", ExpandNew("--output", "yaml"), "error: --output must be text or json, not 'yaml'", UsageHint);
        yield return Usage("output-injection-status", "status --output 'json;touch ...'", Status("--output", "json;touch {marker}"),
            "error: --output must be text or json, not 'json;touch {marker}'", "hint: run `ogscale status --help` for the usage") with { Injects = true };
        yield return Usage("engine-unknown", "--engine mysql", ExpandNew("--engine", "mysql"), "error: --engine must be auto, opengauss or postgresql, not 'mysql'");
        yield return Usage("engine-injection-status", "status --engine 'postgresql`touch ...`'", Status("--engine", "postgresql`touch {marker}`"),
            "error: --engine must be auto, opengauss or postgresql, not 'postgresql`touch {marker}`'") with { Injects = true };
        yield return Usage("user-metacharacters", "-U 'omm;touch ...'", ["expand", "-U", "omm;touch {marker}", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
            "error: the value 'omm;touch {marker}' of -U contains ';', which is not allowed in a host, user or group") with { Injects = true };
        yield return Usage("group-metacharacters", "check -G 'dbgrp$(touch ...)'", ["check", "-U", "omm", "-G", "dbgrp$(touch {marker})", "-X", "{xml}"],
            "error: the value 'dbgrp$(touch {marker})' of -G contains '$', which is not allowed in a host, user or group") with { Injects = true };
        yield return Usage("user-backticks-status", "status -U '`touch ...`'", ["status", "-U", "`touch {marker}`", "-X", "{xml}"],
            "error: the value '`touch {marker}`' of -U contains '`', which is not allowed in a host, user or group") with { Injects = true };
        yield return Usage("user-leading-dash", "expand --user='-oProxyCommand=touch ...' (an ssh option)", ["expand", "--user=-oProxyCommand=touch {marker}", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
            $"error: -U '-oProxyCommand=touch {{marker}}' is not a valid user name: it starts with '-'; write {NameRule}", UsageHint) with { Injects = true };
        yield return Usage("group-leading-dash-check", "check --group=-R", ["check", "-U", "omm", "--group=-R", "-X", "{xml}"],
            $"error: -G '-R' is not a valid group name: it starts with '-'; write {NameRule}", "hint: run `ogscale check --help` for the usage");
        yield return Usage("user-leading-dash-status", "status --user=--help", ["status", "--user=--help", "-X", "{xml}"],
            $"error: -U '--help' is not a valid user name: it starts with '-'; write {NameRule}", "hint: run `ogscale status --help` for the usage");
        yield return Usage("user-leading-dash-dropnode", "dropnode --user=-x", ["dropnode", "--user=-x", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3", "--yes"],
            $"error: -U '-x' is not a valid user name: it starts with '-'; write {NameRule}", "hint: run `ogscale dropnode --help` for the usage");
        yield return Usage("user-root", "expand -U root", ["expand", "-U", "root", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
            "error: -U root: the cluster's user cannot be root (GAUSS-50301); give the cluster's OS user, e.g. omm", UsageHint);
        yield return Usage("user-root-status", "status -U root", ["status", "-U", "root", "-X", "{xml}"],
            "error: -U root: the cluster's user cannot be root (GAUSS-50301); give the cluster's OS user, e.g. omm");
        yield return Usage("group-root-dropnode", "dropnode -G root", ["dropnode", "-U", "omm", "-G", "root", "-X", "{xml}", "-h", "192.168.0.3", "--yes"],
            "error: -G root: the cluster's group cannot be root (GAUSS-50301); give that user's primary group, e.g. dbgrp", "hint: run `ogscale dropnode --help` for the usage");
        yield return Usage("user-space", "-U 'omm x'", ["expand", "-U", "omm x", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
            $"error: -U 'omm x' is not a valid user name: it contains a space; write {NameRule}");
        yield return Usage("user-hash", "check -U omm#1", ["check", "-U", "omm#1", "-G", "dbgrp", "-X", "{xml}"],
            $"error: -U 'omm#1' is not a valid user name: it contains '#'; write {NameRule}");
        yield return Usage("user-colon", "-U omm:dbgrp", ["expand", "-U", "omm:dbgrp", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
            $"error: -U 'omm:dbgrp' is not a valid user name: it contains ':'; write {NameRule}");
        yield return Usage("user-non-ascii", "status -U omm\u00e9", ["status", "-U", "omm\u00e9", "-X", "{xml}"],
            $"error: -U 'omm\u00e9' is not a valid user name: it contains the non-ASCII character '\u00e9'; write {NameRule}");
        yield return Usage("group-digit-first", "expand -G 1dbgrp", ["expand", "-U", "omm", "-G", "1dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
            $"error: -G '1dbgrp' is not a valid group name: it starts with '1'; write {NameRule}");
        yield return Usage("user-too-long", "-U of 33 characters", ["expand", "-U", new string('o', 33), "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
            $"error: -U '{new string('o', 33)}' is not a valid user name: it is longer than 32 characters; write {NameRule}");
        yield return Usage("user-empty", "-U ''", ["expand", "-U", "", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"], "error: -U is empty (GAUSS-35701): give the cluster's OS user");
        yield return Usage("group-blank", "-G ' '", ["expand", "-U", "omm", "-G", " ", "-X", "{xml}", "-h", "192.168.0.3"], "error: -G is empty (GAUSS-35701): give that user's primary group");
        yield return Usage("identity-missing", "--identity of a file that does not exist", ExpandNew("--identity", "{dir}/no-such-key"), "error: -i: the file '{dir}/no-such-key' does not exist");
        yield return Usage("env-file-metacharacters", "--env-file '/home/omm/$(touch ...)'", ExpandNew("--env-file", "/home/omm/$(touch {marker})"),
            "error: --env-file '/home/omm/$(touch {marker})' contains '$', which is not allowed in the environment file's path",
            "hint: give the plain path of the cluster user's environment file") with { Injects = true };
        yield return Usage("env-file-metacharacters-status", "status --sep-env-file '/home/omm/env;touch ...'", Status("--sep-env-file", "/home/omm/env;touch {marker}"),
            "error: --env-file '/home/omm/env;touch {marker}' contains ';', which is not allowed in the environment file's path") with { Injects = true };
        yield return Usage("env-variable-metacharacters", "MPPDB_ENV_SEPARATE_PATH='/home/omm/env`touch ...`'", ExpandNew(),
            "error: MPPDB_ENV_SEPARATE_PATH '/home/omm/env`touch {marker}`' contains '`', which is not allowed in the environment file's path")
            with { Injects = true, Environment = new Dictionary<string, string> { ["MPPDB_ENV_SEPARATE_PATH"] = "/home/omm/env`touch {marker}`" } };
        yield return Usage("response-file", "expand @FILE (its lines would be options; response files are off)", ["expand", "@{dir}/args.rsp"],
            "error: Unrecognized command or argument '@{dir}/args.rsp'.", "error: Option '--user' is required.")
            with { Injects = true, Files = new Dictionary<string, string> { ["args.rsp"] = "-U omm -G dbgrp -X {xml} -h 192.168.0.3;touch {marker}\n" } };
        yield return Usage("response-file-recursive", "expand @FILE where FILE names itself", ["expand", "@{dir}/loop.rsp"], "error: Unrecognized command or argument '@{dir}/loop.rsp'.")
            with { Files = new Dictionary<string, string> { ["loop.rsp"] = "@{dir}/loop.rsp\n" } };
        yield return Usage("response-file-passwd", "check @/etc/passwd", ["check", "@/etc/passwd"], "error: Unrecognized command or argument '@/etc/passwd'.") with { NeverShown = [PasswdFirstLine] };
    }

    // ---- -h: metacharacters, traversal, hosts not in the XML, families, loose address forms ----
    private static IEnumerable<BadInputCase> Hosts()
    {
        const string AddressHint = "hint: give the new hosts by their backIp1 addresses, comma-separated, as in the XML; write an IPv4 address such as 192.168.0.1 (four numbers 0-255, no leading zeros)";
        yield return new()
        {
            Name = "host-not-in-xml",
            Input = "expand -h 192.168.0.3,192.168.0.9 (the second has no DEVICE)",
            Args = Expand("-h", "192.168.0.3,192.168.0.9"),
            ExitCode = ExitCodes.Usage,
            Messages = ["error: standby host backip 192.168.0.9 is not in the XML configuration file {xml} (GAUSS-35702)", "hint: add a DEVICE for it (and list it in nodeNames, backIp1s and dataNode1), or correct -h"],
        };
        yield return Usage("host-semicolon", "-h '192.168.0.3;touch ...'", Expand("-h", "192.168.0.3;touch {marker}"),
            "error: the value '192.168.0.3;touch {marker}' of -h contains ';', which is not allowed in a host, user or group") with { Injects = true };
        yield return Usage("host-command-substitution", "-h '$(touch ...)'", Expand("-h", "$(touch {marker})"),
            "error: the value '$(touch {marker})' of -h contains '$', which is not allowed in a host, user or group") with { Injects = true };
        yield return Usage("host-backticks-check", "check -h '192.168.0.3`touch ...`'", Check("-h", "192.168.0.3`touch {marker}`"),
            "error: the value '192.168.0.3`touch {marker}`' of -h contains '`', which is not allowed in a host, user or group") with { Injects = true };
        yield return Usage("host-newline", "-h '192.168.0.3<newline>touch ...'", Expand("-h", "192.168.0.3\ntouch {marker}"),
            "error: the value '192.168.0.3 touch {marker}' of -h contains newline, which is not allowed in a host, user or group") with { Injects = true };
        yield return Usage("host-path-traversal", "-h ../../etc/passwd", Expand("-h", "../../etc/passwd"), "error: -h ../../etc/passwd is not a valid IP address", AddressHint);
        yield return Usage("host-ipv4-and-ipv6", "-h 192.168.0.3 -h fd00::3", Expand("-h", "192.168.0.3", "-h", "fd00::3"),
            "error: -h mixes IPv4 and IPv6 addresses (192.168.0.3, fd00::3) (GAUSS-50624)", "hint: use addresses of one family, the family of the cluster's backIp1s");
        yield return Usage("host-ipv6-not-in-xml", "-h fd00::3 (an IPv4 cluster)", Expand("-h", "fd00::3"), "error: standby host backip fd00::3 is not in the XML configuration file {xml} (GAUSS-35702)");
        yield return Usage("host-integer-form", "-h 3232235523 (192.168.0.3 as one number)", Expand("-h", "3232235523"), "error: -h 3232235523 is not a valid IP address", AddressHint);
        yield return Usage("host-leading-zero", "-h 192.168.0.03", Expand("-h", "192.168.0.03"), "error: -h 192.168.0.03 is not a valid IP address");
        yield return Usage("host-short-form", "-h 192.168.3", Expand("-h", "192.168.3"), "error: -h 192.168.3 is not a valid IP address");
        yield return Usage("host-zone-id", "-h fe80::1%eth0", Expand("-h", "fe80::1%eth0"), "error: -h fe80::1%eth0 is not a valid IP address");
        yield return Usage("host-cidr", "-h 192.168.0.3/32", Expand("-h", "192.168.0.3/32"), "error: -h 192.168.0.3/32 is not a valid IP address");
        yield return Usage("host-unspecified", "-h 0.0.0.0", Expand("-h", "0.0.0.0"), "error: -h 0.0.0.0 is not a host address (unspecified, broadcast or multicast)");
        yield return Usage("host-empty-list", "-h ,,", Expand("-h", ",,"), "error: -h names no host (GAUSS-35701): give the hosts' backIp1 addresses, comma-separated");
        yield return Usage("host-missing", "expand without -h", Expand(), "error: Option '--hosts' is required.");
        yield return Usage("host-on-status", "status -h (status has no host list)", Status("-h", "192.168.0.3"),
            "error: Unrecognized command or argument '-h'.", "hint: run `ogscale status --help` for the usage");
    }

    // ---- playground verbs: --dir traversal and metacharacters (no playground needed) ----
    private static IEnumerable<BadInputCase> Playground()
    {
        yield return new()
        {
            Name = "playground-dir-traversal",
            Input = "playground sql 1 ... --dir {dir}/../../../../../../etc",
            Args = ["ogscale-playground", "sql", "1", "select 1", "--dir", "{dir}/../../../../../../etc"],
            ExitCode = ExitCodes.PreconditionFailed,
            Messages = ["error: there is no playground in /etc (/etc/playground.json does not exist)", "hint: start one with `ogscale-playground up --dir /etc`, or pass the --dir it was started with"],
        };
        yield return Usage("playground-dir-metacharacters", "playground stop 2 --dir '/tmp/$(touch ...)'", ["ogscale-playground", "stop", "2", "--dir", "/tmp/$(touch {marker})"],
            "error: --dir: the playground directory '/tmp/$(touch {marker})' has spaces or special characters: pick a plain path such as /tmp/ogscale-playground",
            "hint: run `ogscale-playground stop --help` for the usage") with { Injects = true };
        yield return Usage("playground-dir-root", "playground up --dir /tmp/.. (the root directory)", ["ogscale-playground", "up", "--engine", "postgresql", "--dir", "/tmp/.."],
            "error: --dir: the playground directory '/tmp/..' is the root directory: give a directory of its own, such as /tmp/ogscale-playground");
        yield return Usage("playground-nodes-not-a-number", "playground up --nodes abc", ["ogscale-playground", "up", "--nodes", "abc", "--dir", "{dir}/pg"],
            "error: Cannot parse argument 'abc' for option '--nodes'");
    }

    private static string[] Expand(params string[] extra) => ["expand", "-U", "omm", "-G", "dbgrp", "-X", "{xml}", .. extra];

    private static string[] ExpandNew(params string[] extra) => Expand(["-h", "192.168.0.3", .. extra]);

    private static string[] Check(params string[] extra) => ["check", "-U", "omm", "-G", "dbgrp", "-X", "{xml}", .. extra];

    private static string[] Status(params string[] extra) => ["status", "-U", "omm", "-X", "{xml}", .. extra];

    private static string[] Validate() => ["config", "validate", "-X", "{xml}"];

    /// <summary>A verb's refusal of an invalid XML: the diagnostics, then the one error line and its hint.</summary>
    private static string[] Invalid(string[] diagnostics, int errors = 1) =>
        [.. diagnostics, $"error: {{xml}}: the cluster XML is not valid ({errors} {(errors == 1 ? "error" : "errors")} above); nothing was changed", "hint: run `ogscale config validate -X {xml}` for the details"];

    private static BadInputCase Usage(string name, string input, string[] args, params string[] messages) =>
        new() { Name = name, Input = input, Args = args, ExitCode = ExitCodes.Usage, Messages = messages };

    // A cluster path that is a system directory: refused at its line, by config validate alone or by a verb (invalid).
    private static BadInputCase SystemDirectory(string name, string input, string[] args, string slot, string value, string directory, bool invalid = true)
    {
        string[] diagnostics = [$"{{xml}}:{{line:{slot}}}: {slot} '{value}' is the system directory {directory}", SystemDirectoryHint];
        return new()
        {
            Name = name,
            Input = input,
            Args = args,
            Xml = BadInputXml.Render(new Dictionary<string, string> { [slot] = value }),
            ExitCode = ExitCodes.Usage,
            Messages = invalid ? Invalid(diagnostics) : diagnostics,
        };
    }

    private static BadInputCase Unsafe(string name, string slot, string param, string value, char character, int errors = 1, bool raw = false)
    {
        var values = new Dictionary<string, string> { [slot] = value };
        return new()
        {
            Name = name,
            Input = $"expand: {param} = {value.Replace("{marker}", "...", StringComparison.Ordinal)}",
            Args = ExpandNew(),
            Xml = raw ? BadInputXml.Render(raw: values) : BadInputXml.Render(values),
            ExitCode = ExitCodes.Usage,
            Messages = Invalid([$"{{xml}}:{{line:{slot}}}: the value of {param} contains '{character}', which is not allowed", UnsafeHint], errors),
            Injects = true,
        };
    }

    private static string BillionLaughs()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE ROOT [\n  <!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
        {
            var previous = i == 1 ? "lol" : $"lol{i - 1}";
            xml.Append($"  <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&{previous};", 10))}\">\n");
        }

        return xml.Append("]>\n<ROOT><CLUSTER><PARAM name=\"clusterName\" value=\"&lol9;\"/></CLUSTER></ROOT>\n").ToString();
    }

    // The offset of the Latin-1 é in the xml-not-utf8 file.
    private static int Latin1Offset() =>
        Encoding.Latin1.GetBytes(BadInputXml.Render(new Dictionary<string, string> { ["clusterName"] = "caf\u00e9" })).AsSpan().IndexOf((byte)0xE9);
}
