/**
 * The softmax lab as a TypeScript program, section by section, for people coming from the notebook.
 * Each step names the Python line it replaces. Run it with:  npx tsx examples/softmax-lab.ts
 */
import {
  Adam,
  argmax,
  CategoricalCrossentropy,
  Dense,
  Matrix,
  makeBlobs,
  naiveSoftmax,
  oneHot,
  Sequential,
  SparseCategoricalCrossentropy,
  softmax,
} from 'softmax-lab';

// --- The softmax function ---------------------------------------------------------------------------
// Python: def my_softmax(z): ez = np.exp(z); return ez / np.sum(ez)
// Ours is numerically stable (it subtracts max(z) first); naiveSoftmax is the textbook form.
const z = [1, 2, 3, 4];
console.log('softmax(z)       =', softmax(z));
console.log('naiveSoftmax(z)  =', naiveSoftmax(z));
console.log('naive at z+1000  =', naiveSoftmax(z.map((v) => v + 1000)), '(overflow)');
console.log('stable at z+1000 =', softmax(z.map((v) => v + 1000)));

// --- Cross-entropy ----------------------------------------------------------------------------------
// loss(a, y) = -log(a_y); the cost is the mean over the examples.
const a = softmax(z);
console.log('loss for target 3 =', -Math.log(a[3]!));

// --- The data set -----------------------------------------------------------------------------------
// Python: X_train, y_train = make_blobs(n_samples=2000, centers=centers, cluster_std=1.0, random_state=30)
const centers = [
  [-5, 2],
  [-2, -2],
  [1, 2],
  [5, -2],
];
const { X, y } = makeBlobs({ nSamples: 2000, centers, clusterStd: 1.0, randomState: 30 });

// --- The "obvious" model: softmax in the last layer ------------------------------------------------
// Python: model = Sequential([Dense(25, activation='relu'), Dense(15, activation='relu'), Dense(4, activation='softmax')])
const obvious = new Sequential(
  [
    new Dense({ units: 25, activation: 'relu' }),
    new Dense({ units: 15, activation: 'relu' }),
    new Dense({ units: 4, activation: 'softmax' }),
  ],
  { seed: 1234 },
);
// Python: model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(), optimizer=tf.keras.optimizers.Adam(0.001))
obvious.compile({ loss: new SparseCategoricalCrossentropy(), optimizer: new Adam(0.001) });
// Python: model.fit(X_train, y_train, epochs=10)
await obvious.fit(X, y, { epochs: 10 });
// Python: p_nonpreferred = model.predict(X_train); print(p_nonpreferred[:2])
const pObvious = obvious.predict(X);
console.log('two rows of probabilities:', pObvious.sliceRows(0, 2).toArray());

// --- The "preferred" model: a linear last layer and a loss from logits -----------------------------
const preferred = new Sequential(
  [
    new Dense({ units: 25, activation: 'relu' }),
    new Dense({ units: 15, activation: 'relu' }),
    new Dense({ units: 4, activation: 'linear' }),
  ],
  { seed: 1234 },
);
// Python: loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
preferred.compile({
  loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
  optimizer: new Adam(0.001),
});
await preferred.fit(X, y, { epochs: 10 });
const logits = preferred.predict(X);
console.log('two rows of logits:', logits.sliceRows(0, 2).toArray());
// Python: sm_preferred = tf.nn.softmax(p_preferred).numpy()
const probabilities = softmax(logits);
console.log('as probabilities:', probabilities.sliceRows(0, 2).toArray());
// Python: for i in range(5): print(f"{p_preferred[i]}, category: {np.argmax(p_preferred[i])}")
const categories = argmax(logits.sliceRows(0, 5));
for (let i = 0; i < 5; i++) console.log(Array.from(logits.row(i)), 'category:', categories[i]);

// --- Sparse labels vs one-hot targets --------------------------------------------------------------
// SparseCategoricalCrossentropy takes class numbers; CategoricalCrossentropy takes one-hot rows.
const sparseCost = new SparseCategoricalCrossentropy({ fromLogits: true }).call(y, logits);
const oneHotCost = new CategoricalCrossentropy({ fromLogits: true }).call(oneHot(y, 4), logits);
console.log('same cost both ways:', sparseCost, oneHotCost);
console.log('first row of X as a Matrix:', new Matrix(1, 2, X.row(0)).toArray());
