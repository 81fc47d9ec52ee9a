// Playgrounds use fixed loopback addresses (127.0.0.11-19): one at a time, so no test runs in parallel here.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
