// Parallelism.Degree, Gemm.ForceManaged and Gemm.NativeThreads are process-wide settings some tests change,
// so test classes run one after another (the whole suite takes a few seconds).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
