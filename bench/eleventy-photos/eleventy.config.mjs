/**
 * Eleventy peer site for the photo benchmark (bench/photos.mjs): bench/eleventy's, with
 * @11ty/eleventy-img's HTML transform making every <img> of a local photo a <picture> of 480, 960
 * and 1600 px (never wider than the photo) in WebP and JPEG, as bantin does.
 */
import { eleventyImageTransformPlugin } from '@11ty/eleventy-img';
import base from '../eleventy/eleventy.config.mjs';

export default function (eleventyConfig) {
  const options = base(eleventyConfig);
  eleventyConfig.addPlugin(eleventyImageTransformPlugin, {
    widths: [480, 960, 1600],
    formats: ['webp', 'jpeg'],
    sharpJpegOptions: { quality: 78 },
    sharpWebpOptions: { quality: 78 },
    htmlOptions: { imgAttributes: { loading: 'lazy', decoding: 'async', sizes: '(min-width: 48rem) 44rem, calc(100vw - 2rem)' } },
  });
  return options;
}
