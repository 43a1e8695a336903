/**
 * "Learn about IPT": plain-language pages for patients and anyone a clinic sends to them (issue 12, part 5).
 *
 * Written in our own words, in short sentences, at the reading level of a patient information leaflet. Every
 * statement traces to the clinical domain specification (`shared/ipt/DOMAIN.md`, cited by section) or to seed 003
 * ("What is interpersonal therapy for anxiety", a patient-facing overview). Seed 003's claims that IPT is "derived
 * from psychodynamic theory" and that "one must address past relationships" are left out: DOMAIN §0 describes IPT as
 * working on current relationships, and that is what these pages say. Prices and US insurance advice (seed 003) are
 * left out too: they are not true everywhere a clinic may use this. The crisis words are the generic ones of the
 * questionnaire pages (DOMAIN §10.2: patient-facing copy shows crisis resources at once); an organisation's own
 * numbers come with the patient's portal.
 *
 * English only for now; the Spanish text comes with the message library of issue 12, part 7.
 */
import type { LearnTopic } from './types.js';

export const learnTopicsEn: readonly LearnTopic[] = [
  {
    id: 'what-is-ipt',
    title: 'What is interpersonal therapy (IPT)?',
    summary:
      'A talking therapy with a set number of sessions that looks at how your mood and your relationships affect each other.',
    // DOMAIN §0 (12–16 weekly sessions of 45–50 minutes; linkage not causation; one-to-one and groups; adaptations);
    // seed 003 ("What is IPT?", "How does IPT work?").
    sections: [
      {
        paragraphs: [
          'Interpersonal therapy, or IPT, is a talking therapy. It was first made to treat depression. It is now also used for other problems, such as some kinds of anxiety, depression during or after pregnancy, and bipolar disorder.',
          'IPT looks at your relationships with other people now: your family, partner, friends, people at work. It does not spend most of its time on your childhood.',
        ],
      },
      {
        heading: 'The main idea',
        paragraphs: [
          'How you feel and what happens between you and other people affect each other. Hard events in relationships can bring low mood. Low mood can make relationships harder too.',
          'When you find new ways to deal with a problem in your relationships, your mood often gets better.',
        ],
      },
      {
        heading: 'How it is set up',
        list: [
          'It has a set number of sessions, agreed at the start. This is usually 12 to 16.',
          'Sessions are usually once a week and last about 45 to 50 minutes.',
          'You and your therapist choose one main problem to work on together.',
          'IPT can be one-to-one or in a group.',
        ],
      },
    ],
  },
  {
    id: 'four-areas',
    title: 'The four areas IPT works on',
    summary: 'Grief, disagreements, life changes, and loneliness or finding relationships hard.',
    // DOMAIN §0 and §3 (four problem areas), §1.6 (WHO Group IPT's plain-language names); seed 003 ("IPT focuses on
    // four areas", "Techniques").
    sections: [
      {
        paragraphs: [
          'Early in IPT, you and your therapist look at the important people in your life. Then you agree which of four areas fits your problem best. That area is the focus of your sessions.',
        ],
      },
      {
        heading: 'Grief',
        paragraphs: [
          'Someone close to you has died, and the grief is very heavy or has not eased with time. IPT helps you mourn the person and find ways back to other people.',
        ],
      },
      {
        heading: 'Disagreements with someone important',
        paragraphs: [
          'You and someone who matters to you want different things from each other, and it keeps causing pain. The disagreement may be open or hidden. IPT helps you understand it and try new ways to sort it out.',
        ],
      },
      {
        heading: 'Life changes',
        paragraphs: [
          'A big change has altered your role in life: for example having a baby, losing a job, getting married, separating, or retiring. IPT helps you let go of what was lost and find your feet in the new situation.',
        ],
      },
      {
        heading: 'Loneliness, or finding relationships hard',
        paragraphs: [
          'You find it hard to start or keep close relationships, or you feel alone. IPT helps you build and keep connections with other people.',
        ],
      },
    ],
  },
  {
    id: 'phases',
    title: 'The three parts of IPT',
    summary: 'Getting started, working on the problem, and ending well. Sometimes there are extra sessions later.',
    // DOMAIN §1.1 (phase lengths differ between services), §1.2–1.5 (the opening question and mood-event link,
    // communication analysis §5.4, role play §5.6, trying things between sessions), §6.3 (maintenance, a separate
    // agreement); seed 003 ("The structure of IPT").
    sections: [
      {
        paragraphs: [
          'IPT has three parts. The number of sessions in each part differs a little between services. Your therapist will tell you how your course is planned.',
        ],
      },
      {
        heading: '1. Getting started (about the first 3 or 4 sessions)',
        list: [
          'You talk about how you have been feeling and when it started.',
          'You may fill in a short questionnaire about your mood.',
          'You make a list of the important people in your life and how things are with each of them.',
          'Together you agree the main area to work on, how many sessions you will have, and the date of the last one.',
        ],
      },
      {
        heading: '2. Working on the problem (the middle sessions)',
        list: [
          'Each session usually starts with how your week has been, and how your mood and your relationships went.',
          'You look closely at conversations that went wrong and at other ways you could have said things.',
          'You may practise a hard conversation with your therapist first.',
          'Between sessions you try new things in your own life, and talk about how it went next time.',
        ],
      },
      {
        heading: '3. Ending (about the last 2 to 4 sessions)',
        list: [
          'You look back at what has changed and what you did to change it.',
          'You talk about how it feels to finish.',
          'You make a plan for what to do if things get hard again.',
        ],
      },
      {
        heading: 'Extra sessions later',
        paragraphs: [
          'Some people agree a new set of sessions after the course ends, for example once every two weeks or once a month. This can help stop depression coming back. It is a new agreement, made at the end.',
        ],
      },
    ],
  },
  {
    id: 'sick-role',
    title: 'Being unwell is not your fault',
    summary: 'Depression is a real, treatable illness. While you recover you can do less of some things for a while.',
    // DOMAIN §4.2 (the sick role: excused from some obligations, the duty to work towards recovery; blame moves from
    // the patient to the illness), §4.3 (hopelessness is itself a symptom; a treatable condition; not your fault).
    sections: [
      {
        paragraphs: [
          'In IPT, depression is seen as an illness that can be treated. It is not a weakness and it is not your fault.',
          'Feeling hopeless is one of the symptoms of depression. It does not mean things cannot get better.',
        ],
      },
      {
        heading: 'Doing less for a while',
        paragraphs: [
          'When people have a physical illness, they are allowed to do less while they get better. IPT treats depression the same way. You and your therapist may agree that you do less of some things for a time, for example some jobs at home.',
          'In return, you take on the work of getting better: coming to your sessions and trying new things between them.',
        ],
      },
    ],
  },
  {
    id: 'first-appointment',
    title: 'Your first appointment',
    summary: 'What usually happens, and what to bring.',
    // Seed 003 ("What to expect at your first therapy appointment"); DOMAIN §1.2 (initial phase: symptoms, measure,
    // inventory).
    sections: [
      {
        paragraphs: [
          'Every therapist works a little differently. Most first appointments are about getting to know each other.',
        ],
      },
      {
        heading: 'What usually happens',
        list: [
          'Your therapist asks about you, how you have been feeling and what is stressful for you at the moment.',
          'You may be asked to fill in a short questionnaire about your mood.',
          'Your therapist starts to ask about the important people in your life.',
          'Your therapist explains what stays private between you and when they might have to share something.',
        ],
      },
      {
        heading: 'Worth telling your therapist',
        list: [
          'If you have seen other therapists before.',
          'Any medicines you take for your mental health.',
          'If you have been in hospital for your mental health recently.',
        ],
      },
      {
        heading: 'Go at your own pace',
        paragraphs: [
          'The first session can feel a bit awkward. You do not have to say everything at once. You can tell your therapist if you feel uncomfortable or need a short break.',
        ],
      },
    ],
  },
  {
    id: 'questions-to-ask',
    title: 'Questions you can ask a therapist',
    summary: 'Things you may want to know before you start, or at any time.',
    // Seed 003 ("Key questions to ask an interpersonal therapist"), reworded; the session questions follow the
    // treatment contract's items (DOMAIN §4.4: number, length and frequency of sessions, end date, missed sessions).
    sections: [
      {
        paragraphs: ['It is fine to ask your therapist questions. Good questions include:'],
        list: [
          'How much do you know about IPT, and how much have you used it?',
          'How do you work? What will we do in sessions?',
          'How many sessions will I have, how often, and how long is each one?',
          'When will our last session be?',
          'What happens if I miss a session?',
          'What is important for me to know about working with you?',
          'How do you help people cope with stressful events in their lives?',
        ],
      },
    ],
  },
  {
    id: 'ending',
    title: 'When IPT ends',
    summary: 'The end is planned from the start. You look back, look ahead and make a plan.',
    // DOMAIN §1.4 and §6.1 (name the end; review progress; credit the patient; feelings about ending; warning signs,
    // action plan, when to seek help; if not improved, the treatment failed, not the patient; continuation).
    sections: [
      {
        paragraphs: [
          'IPT has a set number of sessions, so you know from the start when it will end. Your therapist will talk about the end again in the last few sessions.',
        ],
      },
      {
        heading: 'In the last sessions',
        list: [
          'You look back at the problem you worked on and what has changed.',
          'You think about why you feel better. Often it is because of what you did yourself.',
          'You talk about how it feels to finish. Feeling sad, worried or let down about ending is common and fine to say.',
          'You write down your warning signs: the early signs that your mood is dropping again.',
          'You make a plan: what you will do, who you can talk to, and when to ask for help.',
        ],
      },
      {
        heading: 'If you have not felt better',
        paragraphs: [
          'Sometimes IPT does not help enough. That means this treatment did not work well enough for you, not that you failed. Your therapist will talk with you about other treatments that can help.',
        ],
      },
    ],
  },
  {
    id: 'when-to-come-back',
    title: 'When to ask for help again',
    summary: 'Your warning signs, your plan, and what to do in a crisis.',
    // DOMAIN §6.1–6.2 (warning signs, action plan, when and how to seek help, sharing warning signs with people
    // close to you), §6.3 (maintenance), §10.2 (crisis resources shown at once on patient-facing pages).
    sections: [
      {
        paragraphs: [
          'After IPT ends, keep your plan somewhere you can find it. It lists your warning signs and what helps.',
        ],
      },
      {
        heading: 'Get in touch with your clinic if',
        list: [
          'your warning signs come back and do not go away;',
          'a big change or loss is coming, and you are worried about how you will cope;',
          'your plan is not helping enough.',
        ],
      },
      {
        paragraphs: ['It can help to tell someone you trust what your warning signs are, so they can notice them too.'],
      },
      {
        heading: 'If you are in danger now',
        paragraphs: [
          'If you feel you might act on thoughts of harming yourself, or you are not safe, do not wait for your next appointment. Contact your local emergency services or a crisis line straight away.',
        ],
      },
    ],
  },
];
