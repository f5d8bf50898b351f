namespace Autonet.Data.Images;

/// <summary>Which half of Fashion-MNIST: Train (60000 images) or Test (the 10000 "t10k" images).</summary>
public enum FashionMnistSplit
{
    Train,
    Test,
}
