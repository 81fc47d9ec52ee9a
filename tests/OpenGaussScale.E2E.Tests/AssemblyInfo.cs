// Playgrounds use fixed loopback addresses (127.0.0.11-19): one at a time, so no test runs in parallel here.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The end-to-end tests drive the Linux-only playground (namespaces, cgroups, nftables).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
