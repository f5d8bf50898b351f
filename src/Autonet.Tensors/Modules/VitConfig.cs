namespace Autonet.Tensors.Modules;

/// <summary>Shape of a ViT encoder. The benchmark's model: new VitConfig(28, 4, 1, 192, 6, 3, 4).</summary>
public sealed record VitConfig(int ImageSize, int PatchSize, int InChannels, int Width, int Depth, int Heads, float MlpRatio = 4)
{
    public int GridSize => ImageSize / PatchSize;

    public int Tokens => GridSize * GridSize;

    public int PatchDim => InChannels * PatchSize * PatchSize;

    /// <exception cref="ArgumentException">A dimension does not divide as the model needs.</exception>
    public void Validate()
    {
        if (ImageSize <= 0 || PatchSize <= 0 || ImageSize % PatchSize != 0)
        {
            throw new ArgumentException($"VitConfig: image size {ImageSize} must be a positive multiple of patch size {PatchSize}");
        }
        if (InChannels <= 0 || Depth < 0 || Heads <= 0 || Width % Heads != 0 || Width % 4 != 0 || MlpRatio <= 0)
        {
            throw new ArgumentException($"VitConfig: width {Width} must divide by heads {Heads} and by 4 (2D positions); channels {InChannels}, depth {Depth}, mlp ratio {MlpRatio} must be positive");
        }
    }
}
