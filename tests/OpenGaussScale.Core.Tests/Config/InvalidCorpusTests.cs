namespace OpenGaussScale.Core.Tests.Config;

/// <summary>
/// Data/invalid holds one small file per validation rule (its comment says which). Each must give exactly these
/// diagnostics, in this order, at these lines: nothing missing, nothing extra, and no model.
/// </summary>
public sealed class InvalidCorpusTests
{
    [Theory]
    [InlineData("01-not-well-formed.xml", "01-not-well-formed.xml:13: the XML is not well-formed: the 'PARAM' start tag on line 11 position 6 does not match the end tag of 'CLUSTER'")]
    [InlineData("02-doctype.xml", "02-doctype.xml:3: <!DOCTYPE is not allowed in a cluster XML: document type and entity declarations are refused, never expanded")]
    [InlineData("03-entity-expansion.xml", "03-entity-expansion.xml:3: <!DOCTYPE is not allowed in a cluster XML: document type and entity declarations are refused, never expanded", "03-entity-expansion.xml:4: <!ENTITY is not allowed in a cluster XML: document type and entity declarations are refused, never expanded", "03-entity-expansion.xml:5: <!ENTITY is not allowed in a cluster XML: document type and entity declarations are refused, never expanded")]
    [InlineData("04-wrong-root.xml", "04-wrong-root.xml:3: the root element is <CONFIG>, expected <ROOT>")]
    [InlineData("05-missing-cluster.xml", "05-missing-cluster.xml:3: <ROOT> has no <CLUSTER> element")]
    [InlineData("06-missing-devicelist.xml", "06-missing-devicelist.xml:3: <ROOT> has no <DEVICELIST> element")]
    [InlineData("07-empty-devicelist.xml", "07-empty-devicelist.xml:12: <DEVICELIST> has no <DEVICE>")]
    [InlineData("08-second-cluster.xml", "08-second-cluster.xml:14: a second <CLUSTER> element (the first is at line 4)")]
    [InlineData("09-misplaced-param.xml", "09-misplaced-param.xml:15: <PARAM> is not allowed inside <DEVICELIST>")]
    [InlineData("10-element-name-case.xml", "10-element-name-case.xml:32: element <Device> must be written <DEVICE>: element names are case-sensitive")]
    [InlineData("11-param-without-name-or-value.xml", "11-param-without-name-or-value.xml:9: <PARAM> has no name", "11-param-without-name-or-value.xml:11: parameter corePath has no value attribute")]
    [InlineData("12-duplicate-param.xml", "12-duplicate-param.xml:31: parameter azName is given twice in <DEVICE> (first at line 27)")]
    [InlineData("13-unknown-cluster-param.xml", "13-unknown-cluster-param.xml:5: parameter clustername is not a valid CLUSTER parameter")]
    [InlineData("14-device-param-in-cluster.xml", "14-device-param-in-cluster.xml:12: parameter dataPortBase is not a valid CLUSTER parameter")]
    [InlineData("15-unknown-device-param.xml", "15-unknown-device-param.xml:31: parameter dataHaIp1 is not a valid DEVICE parameter")]
    [InlineData("16-missing-cluster-params.xml", "16-missing-cluster-params.xml:4: missing required CLUSTER parameter clusterName", "16-missing-cluster-params.xml:4: missing required CLUSTER parameter gaussdbToolPath")]
    [InlineData("17-missing-device-params.xml", "17-missing-device-params.xml:32: DEVICE node3 has no azName parameter", "17-missing-device-params.xml:32: DEVICE node3 has no backIp1 parameter")]
    [InlineData("18-nodenames-count.xml", "18-nodenames-count.xml:6: nodeNames lists 2 hosts but <DEVICELIST> has 3 DEVICEs", "18-nodenames-count.xml:33: DEVICE node3 is not listed in nodeNames (line 6)")]
    [InlineData("19-nodenames-unknown-host.xml", "19-nodenames-unknown-host.xml:6: nodeNames lists node9, which has no DEVICE", "19-nodenames-unknown-host.xml:33: DEVICE node3 is not listed in nodeNames (line 6)")]
    [InlineData("20-duplicate-device-name.xml", "20-duplicate-device-name.xml:6: nodeNames lists node2 twice", "20-duplicate-device-name.xml:23: dataNode1 lists host node2 twice", "20-duplicate-device-name.xml:33: DEVICE name node2 is used twice (first at line 26)")]
    [InlineData("21-duplicate-backip.xml", "21-duplicate-backip.xml:12: backIp1s lists 10.0.0.2 twice", "21-duplicate-backip.xml:36: backIp1 10.0.0.2 is also the backIp1 of node2 (line 29)")]
    [InlineData("22-invalid-ip.xml", "22-invalid-ip.xml:12: backIp1s: '10.0.3' is not a valid IP address", "22-invalid-ip.xml:36: backIp1: '10.0.3' is not a valid IP address", "22-invalid-ip.xml:37: sshIp1: '10.0.3' is not a valid IP address")]
    [InlineData("23-ip-strict-forms.xml", "23-ip-strict-forms.xml:20: sshIp1: '010.0.0.1' is not a valid IP address", "23-ip-strict-forms.xml:30: sshIp1: '0x0a.0.0.2' is not a valid IP address", "23-ip-strict-forms.xml:37: sshIp1: 'fe80::3%eth0' is not a valid IP address")]
    [InlineData("24-ip-not-a-host.xml", "24-ip-not-a-host.xml:20: sshIp1: '0.0.0.0' is not a host address (unspecified, broadcast or multicast)", "24-ip-not-a-host.xml:30: sshIp1: '255.255.255.255' is not a host address (unspecified, broadcast or multicast)", "24-ip-not-a-host.xml:37: sshIp1: '224.0.0.3' is not a host address (unspecified, broadcast or multicast)")]
    [InlineData("25-mixed-families.xml", "25-mixed-families.xml:12: backIp1s: fd00::3 is an IPv6 address but the cluster's addresses are IPv4 (10.0.0.1 at line 12)", "25-mixed-families.xml:36: backIp1: FD00:0:0::3 is an IPv6 address but the cluster's addresses are IPv4 (10.0.0.1 at line 12)", "25-mixed-families.xml:37: sshIp1: fd00::3 is an IPv6 address but the cluster's addresses are IPv4 (10.0.0.1 at line 12)")]
    [InlineData("26-backip1s-disagrees.xml", "26-backip1s-disagrees.xml:12: backIp1s gives 10.0.0.9 for node2 (item 2) but its DEVICE has backIp1 10.0.0.2 (line 29)")]
    [InlineData("27-backip1s-count.xml", "27-backip1s-count.xml:12: backIp1s lists 2 addresses but <DEVICELIST> has 3 DEVICEs")]
    [InlineData("28-datanode1-item-count.xml", "28-datanode1-item-count.xml:23: dataNode1 has 4 items; it must be the primary's data directory followed by host,directory pairs (an odd count)")]
    [InlineData("29-datanode1-unknown-host.xml", "29-datanode1-unknown-host.xml:23: dataNode1 names host node4, which has no DEVICE", "29-datanode1-unknown-host.xml:32: DEVICE node3 is not in dataNode1, so it has no data directory")]
    [InlineData("30-datanode1-relative-path.xml", "30-datanode1-relative-path.xml:23: dataNode1 directory 'data/dn' is not an absolute path")]
    [InlineData("31-datanode1-on-two-devices.xml", "31-datanode1-on-two-devices.xml:31: dataNode1 is also given on DEVICE node2; only the primary's DEVICE carries it (the first is at line 23)")]
    [InlineData("32-no-datanode1.xml", "32-no-datanode1.xml:14: no DEVICE has dataNode1, so the cluster has no primary")]
    [InlineData("33-device-not-in-datanode1.xml", "33-device-not-in-datanode1.xml:32: DEVICE node3 is not in dataNode1, so it has no data directory")]
    [InlineData("34-datanode1-lists-primary-and-twice.xml", "34-datanode1-lists-primary-and-twice.xml:23: dataNode1 lists node1, the primary itself, as a standby", "34-datanode1-lists-primary-and-twice.xml:23: dataNode1 lists host node2 twice")]
    [InlineData("35-too-many-standbys.xml", "35-too-many-standbys.xml:14: dataNode1 lists 9 standbys; openGauss allows at most 8, cascades included")]
    [InlineData("36-port-out-of-range.xml", "36-port-out-of-range.xml:22: dataPortBase must be a port number from 1 to 65535, not '70000'")]
    [InlineData("37-derived-port-out-of-range.xml", "37-derived-port-out-of-range.xml:22: dataPortBase 65531 leaves no room for the derived ports: the heartbeat port 65536 (dataPortBase+5) is above 65535")]
    [InlineData("38-sshport-invalid.xml", "38-sshport-invalid.xml:31: sshPort must be a port number from 1 to 65535, not '22a'")]
    [InlineData("39-azpriority-out-of-range.xml", "39-azpriority-out-of-range.xml:18: azPriority must be a whole number from 1 to 10, not '0'", "39-azpriority-out-of-range.xml:35: azPriority must be a whole number from 1 to 10, not '11'")]
    [InlineData("40-cascaderole-invalid.xml", "40-cascaderole-invalid.xml:38: cascadeRole must be on or off, not 'yes'")]
    [InlineData("41-cascade-without-standby-in-az.xml", "41-cascade-without-standby-in-az.xml:38: cascade standby node3 has no ordinary standby in its AZ AZ2")]
    [InlineData("42-cascade-on-primary.xml", "42-cascade-on-primary.xml:22: the primary node1 cannot have cascadeRole=on")]
    [InlineData("44-path-relative.xml", "44-path-relative.xml:9: tmpMppdbPath './tmp' is not an absolute path", "44-path-relative.xml:10: gaussdbToolPath 'opt/og/om' is not an absolute path")]
    [InlineData("45-unsafe-characters.xml", "45-unsafe-characters.xml:5: the value of clusterName contains ';', which is not allowed", "45-unsafe-characters.xml:7: the value of gaussdbAppPath contains '$', which is not allowed", "45-unsafe-characters.xml:17: the value of azName contains '`', which is not allowed")]
    [InlineData("46-control-character.xml", "46-control-character.xml:11: the value of corePath contains newline, which is not allowed")]
    [InlineData("47-invalid-host-name.xml", "47-invalid-host-name.xml:6: nodeNames: '-node2' is not a valid host name (a label starts or ends with '-')", "47-invalid-host-name.xml:23: dataNode1: '-node2' is not a valid host name (a label starts or ends with '-')", "47-invalid-host-name.xml:26: name: '-node2' is not a valid host name (a label starts or ends with '-')")]
    [InlineData("48-invalid-az-name.xml", "48-invalid-az-name.xml:17: azName 'AZ 1' is not a valid AZ name")]
    [InlineData("49-cluster-type.xml", "49-cluster-type.xml:12: clusterType must be single-inst, not 'multi-inst'")]
    [InlineData("50-switch-not-on-off.xml", "50-switch-not-on-off.xml:12: enable_dcf must be on or off, not 'yes'")]
    [InlineData("51-sync-node.xml", "51-sync-node.xml:24: syncNode_node1 names host node7, which has no DEVICE", "51-sync-node.xml:25: syncNode_node2 'node1 node3' is not of the form ANY k(host,...) or FIRST k(host,...)")]
    [InlineData("52-sync-num.xml", "52-sync-num.xml:22: dataNode1_syncNum must be a whole number from 0 to 2, not '3'")]
    [InlineData("53-empty-list-item.xml", "53-empty-list-item.xml:6: nodeNames has an empty item (a leading, trailing or doubled comma)")]
    [InlineData("54-data-num.xml", "54-data-num.xml:21: dataNum must be 1, not '2'")]
    [InlineData("55-dcf-cascade.xml", "55-dcf-cascade.xml:12: warning: DCF mode (enable_dcf=on) is not supported by ogscale yet: expand and dropnode will refuse this cluster", "55-dcf-cascade.xml:39: cascade standby node3: cascadeRole=on is not supported in DCF mode (enable_dcf=on)")]
    [InlineData("56-no-element.xml", "56-no-element.xml:3: the XML is not well-formed: root element is missing")]
    [InlineData("57-not-utf8.xml", "57-not-utf8.xml:5: the file is not UTF-8 text (byte 0xE9 at offset 177)")]
    [InlineData("58-duplicate-ssh-endpoint.xml", "58-duplicate-ssh-endpoint.xml:37: sshIp1 10.0.0.2 port 22 is also the SSH address of node2 (line 30)")]
    [InlineData("59-sync-param-unsafe.xml", "59-sync-param-unsafe.xml:24: the value of syncNode_node1 contains ';', which is not allowed")]
    [InlineData("60-path-whitespace-and-root.xml", "60-path-whitespace-and-root.xml:7: gaussdbAppPath '/opt/og app' contains whitespace", "60-path-whitespace-and-root.xml:9: tmpMppdbPath '/' is the root directory")]
    [InlineData("61-xlog-count.xml", "61-xlog-count.xml:22: dataNodeXlogPath1 has 2 directories but dataNode1 has 3 data nodes")]
    [InlineData("62-cm-relation-unknown-host.xml", "62-cm-relation-unknown-host.xml:22: cmServerRelation names host node33, which has no DEVICE", "62-cm-relation-unknown-host.xml:22: warning: this cluster has the cluster manager (CM) component: ogscale does not drive CM yet, and expand and dropnode will refuse this cluster", "62-cm-relation-unknown-host.xml:23: cmServerPortBase must be a port number from 1 to 65535, not '0'", "62-cm-relation-unknown-host.xml:24: cmDir 'cm' is not an absolute path")]
    [InlineData("63-float-ip.xml", "63-float-ip.xml:12: floatIp1: '10.0.0.100/24' is not a valid IP address")]
    [InlineData("64-cluster-name-whitespace.xml", "64-cluster-name-whitespace.xml:5: clusterName 'my cluster' contains whitespace")]
    [InlineData("65-path-system-directory.xml", "65-path-system-directory.xml:7: gaussdbAppPath '/usr/' is the system directory /usr", "65-path-system-directory.xml:8: gaussdbLogPath '/var' is the system directory /var", "65-path-system-directory.xml:9: tmpMppdbPath '/tmp' is the system directory /tmp", "65-path-system-directory.xml:11: corePath '//etc' is the system directory /etc", "65-path-system-directory.xml:23: dataNode1 directory '/root/.' is the system directory /root", "65-path-system-directory.xml:24: dataNodeXlogPath1 directory '/boot' is the system directory /boot")]
    public void Each_invalid_file_gives_exactly_its_diagnostics(string file, params string[] expected)
    {
        var result = ConfigFixtures.Parse(Path.Combine("invalid", file));
        Assert.Equal(expected, ConfigFixtures.Lines(result));
        Assert.Null(result.Config);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Every_file_of_the_corpus_is_asserted_and_says_which_rule_it_breaks()
    {
        var asserted = typeof(InvalidCorpusTests).GetMethod(nameof(Each_invalid_file_gives_exactly_its_diagnostics))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0])
            .Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(ConfigFixtures.PathOf("invalid"), "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, asserted);
        Assert.True(files.Count >= 30, $"the corpus has {files.Count} files");
        foreach (var file in files)
        {
            var text = File.ReadAllText(ConfigFixtures.PathOf(Path.Combine("invalid", file!)));
            Assert.Contains("<!-- Rule broken: ", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("13-unknown-cluster-param.xml", 5, "did you mean clusterName? (openGauss 6.0 refuses unknown parameters too: GAUSS-51258)")]
    [InlineData("14-device-param-in-cluster.xml", 12, "dataPortBase is a DEVICE parameter: move it into the <DEVICE> of the host it describes")]
    [InlineData("16-missing-cluster-params.xml", 4, "add <PARAM name=\"clusterName\" value=\"...\"/> to <CLUSTER>: the cluster's name")]
    [InlineData("22-invalid-ip.xml", 36, "write an IPv4 address such as 192.168.0.1 (four numbers 0-255, no leading zeros) or an IPv6 address such as fd00::1 (no zone id)")]
    [InlineData("25-mixed-families.xml", 36, "all addresses of a cluster must be of one family, IPv4 or IPv6 (openGauss: GAUSS-50624)")]
    [InlineData("33-device-not-in-datanode1.xml", 32, "append node3,<its data dir> to dataNode1 on the primary's DEVICE (line 23)")]
    [InlineData("35-too-many-standbys.xml", 14, "a cluster is one primary and at most eight standbys (openGauss: GAUSS-51230)")]
    [InlineData("37-derived-port-out-of-range.xml", 22, "choose a dataPortBase of 65530 or less (replication uses +1, service +4, heartbeat +5)")]
    [InlineData("41-cascade-without-standby-in-az.xml", 38, "a cascade standby replicates from a standby with the same azName: add one, or change azName")]
    [InlineData("65-path-system-directory.xml", 9, "give a directory of the cluster's own, e.g. /opt/og/...: installing chowns each cluster path to the cluster user, and a rollback removes the directories a run created")]
    [InlineData("02-doctype.xml", 3, "remove the <!DOCTYPE ... declaration; a cluster XML needs none")]
    [InlineData("15-unknown-device-param.xml", 31, "older openGauss releases read dataHaIp1, 6.0 refuses it (GAUSS-51258): remove it; replication uses backIp1")]
    [InlineData("59-sync-param-unsafe.xml", 24, "remove it: | ; & $ < > ` \\ ' \" { } ( ) [ ] ~ * ? ! and control characters are refused in cluster XML values (openGauss refuses them too); only ( ) are allowed in syncNode_node1, for its syntax")]
    public void Errors_carry_a_hint_with_the_fix(string file, int line, string hint)
    {
        var result = ConfigFixtures.Parse(Path.Combine("invalid", file));
        Assert.Contains(result.Errors, e => e.Line == line && e.Hint == hint);
    }
}
