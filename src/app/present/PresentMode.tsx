import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasemapManifest } from '../../domain/basemap.ts';
import { useStats } from '../api/queries.ts';
import { AtlasMapView } from '../components/AtlasMapView.tsx';
import { FlowTooltip } from '../components/FlowTooltip.tsx';
import { LanguageToggle } from '../components/LanguageToggle.tsx';
import { PresentDiagram } from '../diagram/DiagramPane.tsx';
import { diagramSettled } from '../diagram/diagram-settled.ts';
import { legendItemsFor } from '../export/map-capture.ts';
import { useAtlasMap } from '../state/atlas-map-context.tsx';
import { useUiStore } from '../state/ui-store.ts';
import type { AtlasData } from '../state/use-atlas-data.ts';
import { GrowthChart } from '../stats/GrowthChart.tsx';
import { applyChapter } from './apply-chapter.ts';
import { mapImage, mapSettled } from './capture.ts';
import { HeadlineCounters } from './HeadlineCounters.tsx';
import { type Chapter, story } from './story.ts';

const PLAY_STEP_MS = 700;

interface HandoutPage {
  chapter: Chapter;
  image: string;
  year: number;
}

/** Keys a focused control needs for itself: text fields take every key, sliders and lists their arrows. */
function controlOwnsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return key !== 'Escape';
  if (target instanceof HTMLInputElement) {
    if (['range', 'radio'].includes(target.type)) return key.startsWith('Arrow') || key.startsWith('Page');
    return !['checkbox', 'button'].includes(target.type);
  }
  return false;
}

/**
 * The presenter's screen: the map full screen, the story chapter, the timeline with its counters, the
 * legend, and keyboard control (←/→, Space, Esc). Everything it needs is already on the laptop.
 */
export function PresentMode({
  manifest,
  data,
  firstYear,
  currentYear,
}: {
  manifest: BasemapManifest | undefined;
  data: AtlasData;
  firstYear: number;
  currentYear: number;
}) {
  const { t, i18n } = useTranslation();
  const atlas = useAtlasMap();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const chapterIndex = useUiStore((state) => Math.min(state.chapter, story.length - 1));
  const year = useUiStore((state) => state.year);
  const stats = useStats();
  const [playing, setPlaying] = useState(false);
  const [handout, setHandout] = useState<HandoutPage[] | null>(null);
  const [preparing, setPreparing] = useState(false);
  // The chapter says map or diagram; the presenter may switch for the chapter shown.
  const [viewOverride, setViewOverride] = useState<Chapter['view'] | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const timelineRef = useRef<HTMLElement>(null);
  const chapter = story[chapterIndex] ?? story[0];
  const resources = [...data.resources.values()];
  const resourcesReady = resources.length > 0;
  const shownYear = year ?? currentYear;
  const shownView = viewOverride ?? chapter?.view ?? 'map';

  // Entering a chapter sets its scene. Resources must be known to hide the right ones.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-apply only when the chapter or data readiness changes
  useEffect(() => {
    if (chapter && resourcesReady) applyChapter(chapter, [...data.resources.values()]);
    setPlaying(false);
    setViewOverride(null);
  }, [chapterIndex, resourcesReady]);

  const go = useCallback((step: number) => {
    const { chapter: current, setChapter } = useUiStore.getState();
    setChapter(Math.max(0, Math.min(story.length - 1, current + step)));
  }, []);

  const leave = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    const store = useUiStore.getState();
    store.setStoryHighlight([]);
    store.setYear(null);
    store.setMode('explore');
  }, []);

  // The timeline plays from the year shown (or the start) to today, one year per step.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const store = useUiStore.getState();
      const next = (store.year ?? firstYear - 1) + 1;
      if (next >= currentYear) {
        store.setYear(currentYear);
        setPlaying(false);
      } else store.setYear(next);
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, firstYear, currentYear]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (controlOwnsKey(event.target, event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown') go(1);
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') go(-1);
      else if (event.key === ' ') {
        event.preventDefault();
        setPlaying((value) => {
          if (!value && (useUiStore.getState().year ?? currentYear) >= currentYear) {
            useUiStore.getState().setYear(firstYear);
          }
          return !value;
        });
      } else if (event.key === 'Escape') leave();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, leave, firstYear, currentYear]);

  // Leaving full screen with the browser's own Esc also leaves the presentation.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement && rootRef.current?.dataset.fullscreen === 'yes') leave();
      if (rootRef.current) rootRef.current.dataset.fullscreen = document.fullscreenElement ? 'yes' : 'no';
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [leave]);

  // Legend and attribution sit just above the timeline, whose height follows its counters, chart and language.
  useEffect(() => {
    const timeline = timelineRef.current;
    const root = rootRef.current;
    if (!timeline || !root) return;
    const place = () =>
      root.style.setProperty(
        '--timeline-top',
        `${window.innerHeight - timeline.getBoundingClientRect().top}px`,
      );
    const observer = new ResizeObserver(place);
    observer.observe(timeline);
    window.addEventListener('resize', place);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', place);
    };
  }, []);

  const exportChapter = async () => {
    if (shownView === 'diagram') {
      const { exportDiagram } = await import('../diagram/export-diagram.ts');
      await exportDiagram('png', {
        title: chapter?.title[language] ?? '',
        legendTitle: t('diagram.legend'),
        credits: t('diagram.credits'),
      });
      return;
    }
    const { exportViewAsPng } = await import('../export/export-png.ts');
    await exportViewAsPng(
      atlas?.map,
      chapter?.title[language] ?? '',
      legendItemsFor(data.arcCounts, data.resources, language),
      manifest?.attribution.join(' · ') ?? '',
    );
  };

  const chapterImage = async (page: Chapter): Promise<string> => {
    if (page.view !== 'diagram') {
      await mapSettled(atlas?.map);
      return mapImage(atlas?.map);
    }
    await diagramSettled();
    const { diagramImage } = await import('../diagram/export-diagram.ts');
    return diagramImage({
      title: page.title[language],
      legendTitle: t('diagram.legend'),
      credits: t('diagram.credits'),
    });
  };

  const printHandout = async () => {
    setPreparing(true);
    const pages: HandoutPage[] = [];
    const start = useUiStore.getState().chapter;
    for (const [index, page] of story.entries()) {
      useUiStore.getState().setChapter(index);
      applyChapter(page, [...data.resources.values()]);
      setViewOverride(null);
      pages.push({ chapter: page, image: await chapterImage(page), year: page.year ?? currentYear });
    }
    useUiStore.getState().setChapter(start);
    setPreparing(false);
    setHandout(pages);
  };

  useEffect(() => {
    if (!handout) return;
    const done = () => setHandout(null);
    window.addEventListener('afterprint', done, { once: true });
    window.print();
    return () => window.removeEventListener('afterprint', done);
  }, [handout]);

  const drawn = [...data.arcCounts.entries()].filter(([, count]) => count > 0);
  const records = { exchanges: data.exchanges, companies: data.companies, resources: data.resources };

  return (
    <div
      className="present-mode"
      ref={rootRef}
      data-chapter={chapter?.id}
      data-year={year ?? 'today'}
      data-view={shownView}
    >
      {manifest ? <AtlasMapView manifest={manifest} data={data} /> : <div className="atlas-map" />}
      {shownView === 'diagram' ? <PresentDiagram data={data} /> : null}
      <FlowTooltip data={data} />

      <section className="chapter-card" aria-live="polite" aria-labelledby="chapter-title">
        <p className="chapter-count">
          {t('present.chapterOf', { current: chapterIndex + 1, total: story.length })}
        </p>
        <h2 id="chapter-title">{chapter?.title[language]}</h2>
        <p>{chapter?.text[language]}</p>
        <div className="chapter-nav">
          <button type="button" onClick={() => go(-1)} disabled={chapterIndex === 0}>
            ← <span className="visually-hidden">{t('present.previous')}</span>
          </button>
          <button type="button" onClick={() => go(1)} disabled={chapterIndex === story.length - 1}>
            → <span className="visually-hidden">{t('present.next')}</span>
          </button>
        </div>
      </section>

      <section className="present-legend" aria-label={t('present.legend')}>
        <h2>{t('present.legend')}</h2>
        <ul>
          {drawn.map(([id, count]) => (
            <li key={id}>
              <span
                className="swatch"
                style={{ background: data.resources.get(id)?.colour }}
                aria-hidden="true"
              />
              {data.resources.get(id)?.label[language] ?? id} <span className="muted">({count})</span>
            </li>
          ))}
        </ul>
        <p className="hint">{t('legend.candidatesHint')}</p>
      </section>

      <div className="present-top">
        <LanguageToggle name="present-language" />
        <fieldset className="segmented" aria-label={t('present.viewLabel')}>
          {(['map', 'diagram'] as const).map((option) => (
            <label key={option} className={shownView === option ? 'active' : undefined}>
              <input
                type="radio"
                name="present-view"
                value={option}
                checked={shownView === option}
                onChange={() => setViewOverride(option)}
              />
              {t(`topBar.${option}View`)}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => void exportChapter()}>
          {t('present.exportChapter')}
        </button>
        <button type="button" onClick={() => void printHandout()} disabled={preparing}>
          {preparing ? t('present.preparing') : t('present.printHandout')}
        </button>
        <button type="button" onClick={leave}>
          {t('present.exit')}
        </button>
      </div>

      <section className="timeline" aria-label={t('present.year')} ref={timelineRef}>
        <button
          type="button"
          className="play"
          aria-pressed={playing}
          onClick={() => {
            if (!playing && shownYear >= currentYear) useUiStore.getState().setYear(firstYear);
            setPlaying(!playing);
          }}
        >
          {playing ? '❚❚' : '▶'}
          <span className="visually-hidden">{playing ? t('present.pause') : t('present.play')}</span>
        </button>
        <label className="timeline-year">
          <span className="visually-hidden">{t('present.year')}</span>
          <input
            type="range"
            min={firstYear}
            max={currentYear}
            value={shownYear}
            onChange={(event) => useUiStore.getState().setYear(Number(event.target.value))}
          />
        </label>
        <output className="year-display">{year ?? t('present.today')}</output>
        <HeadlineCounters stats={stats.data} year={shownYear} records={records} />
        <GrowthChart stats={stats.data} year={shownYear} theme="dark" table="hidden" height={108} />
      </section>

      <p className="key-hints">{t('present.keys')}</p>

      {handout ? (
        <div className="print-handout">
          {handout.map((page) => (
            <section key={page.chapter.id} className="print-page">
              <h1>{page.chapter.title[language]}</h1>
              <img src={page.image} alt={page.chapter.title[language]} />
              <p>{page.chapter.text[language]}</p>
              <HeadlineCounters stats={stats.data} year={page.year} records={records} />
              <p className="print-credits">{manifest?.attribution.join(' · ')}</p>
            </section>
          ))}
        </div>
      ) : null}
    </div>
  );
}
