namespace Colour2Vec.Training;

/// <summary>
/// One epoch as Keras prints it (mean loss, mse of p against y over the training pairs, each batch measured
/// before its update) plus the held-out loss and AUC after the epoch. <see cref="Seconds"/> is cumulative.
/// </summary>
public sealed record EpochMetrics(int Epoch, int Epochs, double Loss, double Mse, double HeldOutLoss, double HeldOutAuc,
    double Seconds, float LearningRate);
